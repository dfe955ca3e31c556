# gedhub — English interface text.
language-name = English
language-switcher = Interface language
brand-tagline = Gender equality and diversity in Customs
skip-to-content = Skip to main content
nav-label = Main
menu-toggle = Menu
nav-dashboard = Dashboard
nav-my-administration = My administration
nav-administrations = Administrations
nav-users = Users
nav-audit = Audit log
nav-account = My account
sign-in = Sign in
sign-out = Sign out
save = Save
cancel = Cancel
filter = Filter
footer-text = gedhub, for the WCO Gender Equality and Diversity programme
footer-api = API documentation (OpenAPI)

role-secretariat = WCO Secretariat
role-focal_point = Focal point
role-expert = Expert
role-participant = Participant

region-ESA = East and Southern Africa
region-WCA = West and Central Africa
region-MENA = North of Africa, Near and Middle East
region-EUR = Europe
region-AP = Asia/Pacific
region-AMS = Americas and Caribbean

field-email = E-mail
field-password = Password
field-name = Name
field-role = Role
field-region = Region
field-code = Code
field-status = Status
field-administration = Administration
field-name_en = Name in English
field-name_fr = Name in French
field-locale = Language
field-current_password = Current password
field-new_password = New password
field-confirm_password = Repeat the new password
field-json = Request body

login-title = Sign in
login-intro = Sign in with the e-mail address and password of your gedhub account.
login-failed = The e-mail address or the password is wrong.
login-rate-limited = Too many failed attempts. Wait { $count ->
    [one] one minute
   *[other] { $count } minutes
}, then try again.
login-bad-next = This sign-in link is not valid: it leads away from gedhub. Sign in here to go to your dashboard.

dashboard-title = Dashboard
dashboard-greeting = Welcome, { $name }.
dashboard-intro-secretariat = You see the whole programme: every Member administration, every account and every change.
dashboard-intro-focal_point = You manage the gender equality and diversity work of your administration.
dashboard-intro-expert = You see the work you are assigned to as a trainer or expert.
dashboard-intro-participant = You see your own training record.
dashboard-registry = Member administrations
dashboard-registry-caption = { $count ->
    [one] One administration by WCO region
   *[other] { $count } administrations by WCO region
}
dashboard-administrations = Administrations
dashboard-user-total = { $count ->
    [one] One account.
   *[other] { $count } accounts.
}
dashboard-recent-changes = Recent changes
dashboard-no-changes = No changes yet.
dashboard-see-audit = See the whole audit log
dashboard-your-administration = Your administration

administrations-title = Administrations
administrations-add = Add an administration
administrations-search = Search by name or code
administrations-all-regions = All regions
administrations-count = { $count ->
    [one] One administration.
   *[other] { $count } administrations.
}
administration-title = Administration
administration-wco-member = WCO Member
administration-other-territory = Other customs territory
administration-focal-points = Focal points
administration-no-focal-points = No focal point has been assigned yet.
administration-assign-focal-point = E-mail of the account to make a focal point
administration-assign-help = The account must exist; create it first under Users if needed.
administration-assign = Assign
administration-remove-focal-point = Remove
administration-edit = Edit the administration
administration-new-title = Add an administration
administration-code-help = ISO 3166-1 alpha-2 code for a country (e.g. BJ), or up to 8 letters, digits and hyphens for another customs territory.
administration-saved-details = The administration was saved.
administration-saved-focal_point = The focal point was assigned.
administration-saved-removed = The focal point was removed.
administration-saved-created = The administration was added.
confirm-remove-title = Remove a focal point
confirm-remove-question = Remove { $email } as focal point of { $administration }? They will no longer see the administration's data.
confirm-remove-yes = Yes, remove

users-title = Users
users-add = Add a user
users-created = The account { $email } was created.
user-new-title = Add a user
user-administration-help = Code of the user's administration (required for focal points), e.g. BJ.

account-title = My account
account-language = Interface language
account-language-auto = Follow my browser
account-language-saved = Your language was saved.
account-change-password = Change my password
account-password-rules = At least 10 characters. A phrase of several words is easy to remember and hard to guess.
account-password-changed = Your password was changed. Your other sessions were signed out.

audit-title = Audit log
audit-intro = Every change made in gedhub: who, when, what, and the state before and after.
audit-actor = Who
audit-entity = What
audit-action = Action
audit-any = Any
audit-entity-administration = Administration
audit-entity-user = Account
audit-from = From
audit-to = To
audit-when = When
audit-change = Change
audit-show-change = Show
audit-before = Before
audit-after = After
audit-empty = No change matches these filters.
pager-label = Pages
pager-previous = Previous page
pager-next = Next page

error-page-not-found = Page not found
error-page-forbidden = Access refused
error-page-internal = Something went wrong
error-page-bad-request = The request could not be handled
error-back-home = Back to the start page
error-with-field = { $field }: { $message }
error-not_found = This page or resource does not exist, or you do not have access to it.
error-unauthenticated = Sign in first.
error-forbidden = Your role does not allow this.
error-cross_origin_request = This request came from another site and was refused.
error-payload_too_large = The request is too large.
error-too_many_requests = Too many attempts. Wait a few minutes, then try again.
error-internal_error = An unexpected error occurred. It has been logged; please try again later.
error-bad_request = The request is not valid.
error-method_not_allowed = This method is not allowed here.
error-unsupported_media_type = This content type is not supported.
error-json_malformed = The request body is not valid JSON.
error-json_wrong_shape = The JSON is valid but fields are missing or have the wrong type.
error-json_content_type_required = Send the body as JSON with the header Content-Type: application/json.
error-form_malformed = The form could not be read.
error-query_malformed = The query parameters are not valid.
error-invalid_date = Dates must be written YYYY-MM-DD.
error-required = This field is required.
error-too_long = This text is too long.
error-invalid_email = This is not a valid e-mail address.
error-invalid_administration_code = The code must be 2 to 8 capital letters, digits or hyphens, starting with a letter.
error-unknown_region = Choose one of the six WCO regions.
error-unknown_role = Choose one of the roles: secretariat, focal_point, expert, participant.
error-unknown_language = This language is not available.
error-unsafe_redirect = This link leads away from gedhub and was refused.
error-unknown_administration = No administration has this code.
error-unknown_account = No account has this e-mail address.
error-administration_required = A focal point must belong to an administration.
error-secretariat_cannot_be_focal_point = A Secretariat account cannot be a focal point.
error-password_too_short = The password must have at least 10 characters.
error-password_too_long = The password must have at most 256 characters.
error-wrong_password = The current password is wrong.
error-passwords_differ = The two new passwords are not the same.
error-email_taken = An account with this e-mail address already exists.
error-workforce_report_exists = This year already has a report: confirm that it should be replaced (in the API, send replace=true).
error-workforce_extract_refused = The extract was refused (unreadable, or rows with problems); nothing was stored. Upload it on the workforce page to see each problem.
error-code_taken = An administration with this code already exists.

# GEOAT: instruments, assessments, diagnostic report
nav-assessments = Assessments
nav-instruments = Instruments
field-title = Title
field-rating = Rating
field-file = File
field-reason = Reason
field-instrument = Instrument
field-body = Comment
field-justification = Justification
field-evidence = Evidence notes
field-indicator_code = Indicator
field-facilitator = Facilitator
field-transition = Action
field-status-value = Status
status-draft = Draft
status-in_progress = In progress
status-submitted = Submitted
status-validated = Validated
status-archived = Archived
transition-submit = Submit for validation
transition-validate = Validate
transition-reopen = Reopen
transition-archive = Archive
rating-na-short = Not applicable
rating-not-answered = Not answered
answer-saved = Saved.
answer-last-saved = Last saved by { $who } on { $when } (UTC).
answer-conflict = { $who } saved this indicator while you were editing it (their rating: { $rating }; their justification: “{ $justification }”). Your text is kept below: check it and save again to replace theirs.
answer-saving = Saving…
answer-save-failed = Not saved:
answer-save-offline = Not saved: the server cannot be reached. Your text is kept here; it will be saved when the connection is back (or use “Save this section”).
section-save = Save this section
section-save-help = Each answer is saved as you go; this button saves every answer of the section at once.
section-saved = The section’s answers were saved.
section-save-refused = Some answers were not saved. They are kept below as you typed them:
section-all-saved = All answers of this section are saved.
section-unsaved = Some answers are not saved yet.
assessments-title = Assessments
assessments-intro = GEOAT self-assessments: answer the indicators with your colleagues, submit, and read the diagnostic of strengths and gaps.
assessments-none = No assessment yet.
assessments-name = Assessment
assessments-instrument = Instrument
assessments-updated = Last change
assessments-start = Start an assessment
assessment-progress = Progress
assessment-answered = Answered
assessment-assigned-to-me = assigned to you
assessment-back-overview = Back to the overview
assessment-read-only = This assessment is read-only in its current state.
assessment-reason = Reason
assessment-sections = Sections
assessment-see-report = See the diagnostic
assessment-unanswered = Unanswered indicators
assessment-confirm-submit = Submit with unanswered indicators?
assessment-unanswered-count = { $count ->
    [one] One indicator of { $total } is unanswered. The diagnostic's scores leave it out; you can submit anyway or go on answering.
   *[other] { $count } indicators of { $total } are unanswered. The diagnostic's scores leave them out; you can submit anyway or go on answering.
}
assessment-submit-anyway = Submit anyway
assessment-go-on-answering = Go on answering
assessment-workflow = Workflow
contributors-title = Contributors
contributors-none = No contributor invited yet.
contributors-all-sections = all sections
contributors-facilitator = facilitator (may validate)
contributors-email = E-mail of the colleague or expert to invite
contributors-sections = Sections they answer (none ticked: all)
contributors-as-facilitator = As facilitator (a Recognized Expert who validates the assessment)
contributors-invite = Invite
comments-title = Comments
comments-add = Add a comment
comments-post = Post the comment
evidence-files = Files
evidence-add-file = Attach a file
evidence-file-help = PDF, Word, Excel, PowerPoint, OpenDocument or image, up to 10 MB.
evidence-upload = Upload
pager-previous-section = Previous section
pager-next-section = Next section
instruments-title = Instruments
instruments-intro = The assessment tools available in gedhub. An instrument used by an assessment is frozen: a new edition is imported as a new instrument.
instruments-name = Name
instruments-edition = Edition
instruments-sections = Sections
instruments-indicators = Indicators
instruments-frozen = In use (frozen)
instruments-unused = Not used yet
instruments-export = Workbook
instruments-download-xlsx = Download the workbook (.xlsx)
instruments-import = Import an instrument
instruments-import-help = An Excel workbook with three sheets: settings (key, value), structure (type, code, label::en, label::fr, guidance::en, guidance::fr) and scale (value, label::en, label::fr). Export an instrument to get a model. A workbook with any problem is refused whole.
instruments-workbook = Workbook (.xlsx)
instruments-imported = The instrument { $code } was imported.
instruments-import-refused = The workbook was refused; nothing was imported. Correct these problems and import it again:
instruments-problems = Problems found
instruments-scale = Rating scale
instruments-meaning = Meaning
instruments-thresholds = Thresholds
import-sheet = Sheet
import-row = Row
import-column = Column
import-problem = Problem
import-value = Value
import-not_a_workbook = The file is not an Excel .xlsx workbook.
import-missing_sheet = This sheet is missing.
import-missing_header = The header row is missing.
import-missing_column = This column is missing from the header.
import-language_not_in_structure = This language has no label column in the structure sheet: add the labels in that language there, or remove this column.
import-required = This cell must not be empty.
import-duplicate_value = This value appears twice.
import-invalid_scale_value = A scale value must be a whole number from 0 to 10, or na.
import-scale_not_consecutive_from_zero = The scale must have at least two levels numbered 0, 1, 2… without gaps.
import-duplicate_key = This setting appears twice.
import-invalid_instrument_code = The code must be 3 to 60 lower-case letters, digits or hyphens, starting with a letter.
import-invalid_threshold = The threshold must be a level of the scale.
import-gap_threshold_not_below_strength = The gap threshold must be below the strength threshold.
import-invalid_item_code = A code may contain only letters, digits, dots, hyphens and underscores.
import-duplicate_code = This code is used twice.
import-code_not_under_parent = The code must start with the code of the row it belongs to, then a dot.
import-key_element_before_section = A key element must come after a section.
import-indicator_before_key_element = An indicator must come after a key element.
import-unknown_row_type = The type must be section, key_element or indicator.
import-no_sections = The structure has no section.
import-section_without_key_elements = This section has no key element.
import-key_element_without_indicators = This key element has no indicator.
report-title = Diagnostic report
report-summary = Summary
report-overall = Overall score
report-scores-by-section = Scores by section
report-section = Section
report-score = Score
report-rated = Rated
report-total = Indicators
report-strengths = Strengths
report-gaps = Gaps
report-answers = All answers
report-indicator = Indicator
report-rating = Rating
report-justification = Justification
report-evidence = Evidence
report-files = Files
report-page = Page
report-none = None.
report-generated-by = Produced with gedhub
report-date = Date
report-previous = Previous assessment
report-change = Change (points)
report-change-title = Change since the previous assessment (percentage points)
report-regional = Regional average
report-global = Global average
report-group-note = { $count ->
    [one] one administration with a validated assessment.
   *[other] { $count } administrations with a validated assessment.
}
report-group-too-small = not shown: fewer than { $count ->
    [one] one administration has
   *[other] { $count } administrations have
} a validated assessment on this instrument.
report-radar-title = Score by section (0–100)
report-this-assessment = This assessment
report-download-pdf = Download the PDF
report-download-xlsx = Download the Excel workbook
report-other-language = PDF in French
report-sheet-summary = Scores
report-sheet-answers = Answers
error-rating_out_of_scale = The rating is not a level of the instrument's scale.
error-unknown_indicator = The instrument has no indicator with this code.
error-unknown_instrument = No instrument has this code.
error-assessment_not_editable = This assessment no longer accepts answers (it has been submitted). Reopen it first.
error-edit_conflict = Someone else changed this answer in the meantime: read it again, then save your change.
error-transition_not_allowed = This action is not possible in the assessment's current state.
error-unknown_transition = Unknown action: use submit, validate, reopen or archive.
error-unknown_status = Unknown status.
error-instrument_in_use = This instrument is already used by an assessment and is frozen: import the new edition under a new code.
error-file_type_not_accepted = This type of file is not accepted: use PDF, Office, OpenDocument or an image.
error-facilitator_must_be_recognized = A facilitator must be a Recognized GED Expert (with a valid recognition) or a member of the Secretariat.
error-rating_required = Give a rating (or null to clear it), or "not_applicable": true.
workforce-title = Workforce statistics
workforce-intro = Sex-disaggregated statistics computed from an HR extract: representation by grade and management level, hires, promotions and exits, and the pay-gap indicators of the EU Pay Transparency Directive (Article 9). The file is processed and discarded: only the figures are kept.
workforce-sheet-summary = Summary
workforce-sheet-quartiles = Quartiles
workforce-sheet-categories = Categories
workforce-sheet-grades = Grades
workforce-sheet-levels = Management levels
workforce-sheet-flows = Flows
workforce-indicator = Indicator
workforce-mean-pct = Mean (%)
workforce-median-pct = Median (%)
workforce-pay-gap = Pay gap (hourly pay)
workforce-variable-pay-gap = Gap in variable pay
workforce-receipt-female = Women receiving variable pay (%)
workforce-receipt-male = Men receiving variable pay (%)
workforce-reference-year = Reference year
workforce-workers-total = Workers
workforce-workers-female = Women
workforce-workers-male = Men
workforce-workers-other = Another gender
workforce-workers-unknown = Sex not recorded
workforce-rejected-rows = Rows left out as invalid
workforce-band = Pay quarter
workforce-workers = Workers
workforce-female-pct = Women (%)
workforce-male-pct = Men (%)
workforce-band-lower = Lower quarter
workforce-band-lower_middle = Lower middle quarter
workforce-band-upper_middle = Upper middle quarter
workforce-band-upper = Upper quarter
workforce-category = Category of workers
workforce-female = Women
workforce-male = Men
workforce-other = Another gender
workforce-unknown = Not recorded
workforce-basic-gap-mean = Basic pay gap, mean (%)
workforce-basic-gap-median = Basic pay gap, median (%)
workforce-variable-gap-mean = Variable pay gap, mean (%)
workforce-variable-gap-median = Variable pay gap, median (%)
workforce-total-gap-mean = Total pay gap, mean (%)
workforce-total-gap-median = Total pay gap, median (%)
workforce-joint-assessment = Joint pay assessment required (gap ≥ 5%)
workforce-suppressed = Not shown (small group)
workforce-yes = Yes
workforce-no = No
workforce-female-share = Share of women (%)
workforce-grade = Grade
workforce-level = Management level
workforce-level-none = No management role
workforce-level-middle = Middle management
workforce-level-senior = Senior management
workforce-level-top = Top management
workforce-flow = Movement
workforce-flow-hires = Hires
workforce-flow-promotions = Promotions
workforce-flow-exits = Exits
workforce-female-rate = Rate among women (%)
workforce-male-rate = Rate among men (%)
workforce-explain-mean-women-less = On average, women's hourly pay is { $gap } lower than men's.
workforce-explain-mean-women-more = On average, women's hourly pay is { $gap } higher than men's: the gap favours women.
workforce-explain-mean-equal = On average, women and men are paid about the same per hour.
workforce-explain-mean-none = The mean pay gap cannot be computed: the extract needs both women and men.
workforce-explain-median-women-less = The middle-paid woman earns { $gap } less per hour than the middle-paid man.
workforce-explain-median-women-more = The middle-paid woman earns { $gap } more per hour than the middle-paid man: the gap favours women.
workforce-explain-median-equal = The middle-paid woman and the middle-paid man earn about the same per hour.
workforce-explain-median-none = The median pay gap cannot be computed: the extract needs both women and men.
workforce-explain-receipt = { $female } of women and { $male } of men receive variable pay.
workforce-explain-quartiles = Women hold { $upper } of the places in the best-paid quarter and { $lower } in the lowest-paid quarter.
workforce-explain-flagged = { $count ->
    [0] No category of workers shows a total pay gap of 5% or more.
    [one] One category of workers shows a total pay gap of 5% or more: a joint pay assessment is required unless the gap is justified.
   *[other] { $count } categories of workers show a total pay gap of 5% or more: a joint pay assessment is required unless the gaps are justified.
}
workforce-explain-suppressed = { $count ->
    [one] One category has fewer than { $min } women or fewer than { $min } men: its pay figures are not shown, to protect the people in it.
   *[other] { $count } categories have fewer than { $min } women or fewer than { $min } men: their pay figures are not shown, to protect the people in them.
}
workforce-explain-pipeline = Women are { $all } of all staff and { $top } of top management.
workforce-quartile-chart = Share of women in each pay quarter
workforce-pipeline-grade-chart = Share of women by grade
workforce-pipeline-level-chart = Share of women by management level
workforce-years = Reporting years
workforce-no-years = No workforce data has been reported yet.
workforce-upload = Upload an HR extract
workforce-upload-help = CSV (comma or semicolon, UTF-8, header row) or the first sheet of an Excel workbook, one row per worker employed during the year. Required columns: employee_id, sex, grade, category, annual_basic_pay, annual_variable_pay, weekly_hours. Optional: management_level, hire_date, exit_date, last_promotion_date, birth_year, training_days. Up to 256 MB.
workforce-file = HR extract
workforce-year = Reference year
workforce-min-group = Smallest group shown
workforce-skip-invalid = Compute on the valid rows and leave out the invalid ones
workforce-compute = Compute
workforce-uploading = Uploading…
workforce-computing = Computing…
workforce-rejected = The file was refused and nothing was stored. Rows with problems: { $rows }; problems in all: { $problems }.
workforce-rejected-more = { $count ->
    [one] Only the first problem is listed.
   *[other] Only the first { $count } problems are listed.
}
workforce-problem-line = Line
workforce-problem-column = Column
workforce-problem-reason = Problem
workforce-problem-value = Value
workforce-problem-first-line = first seen on line { $line }
workforce-problem-missing_value = a required value is missing
workforce-problem-bad_number = not a number (use a decimal point, or a decimal comma with ';' as separator; no thousands separators)
workforce-problem-unknown_sex = unknown sex code (use F, M, X or U)
workforce-problem-duplicate_employee_id = this employee_id appears twice
workforce-problem-negative_pay = pay cannot be negative
workforce-problem-zero_hours = weekly hours must be more than 0
workforce-problem-bad_date = not a date (use YYYY-MM-DD)
workforce-problem-unknown_management_level = unknown management level (use none, middle, senior or top)
workforce-problem-negative_value = cannot be negative
workforce-problem-bad_quoting = a quoted value is not closed properly
workforce-file-error = The file could not be read: { $reason }
workforce-error-not-utf8 = it is not UTF-8 text (line { $line }). Save it as "CSV UTF-8".
workforce-error-empty = it is empty.
workforce-error-missing = required columns are missing: { $columns }.
workforce-error-duplicate-column = the column { $column } appears twice.
workforce-error-no-rows = it has no valid data row.
workforce-error-workbook = it looks like a workbook but is not a readable .xlsx file.
workforce-stored = The { $year } figures were computed and saved; the file itself was not kept.
workforce-stored-details = { $rows ->
    [one] One row read
   *[other] { $rows } rows read
}, { $rejected } left out. Checksum (SHA-256) of the file: { $checksum }
workforce-replaces = Uploading for a year that already has figures asks you to confirm before they are replaced (the change is in the audit log).
workforce-report-exists = A report for { $year } already exists: computed on { $date } by { $by }. Nothing was changed.
workforce-replace-help = To replace it, tick the box below and choose the file again (files are never kept).
workforce-replace = Replace the existing report for { $year }
workforce-download-json = JSON
workforce-download-xlsx = Excel workbook
workforce-download-pdf = PDF summary
workforce-explanations = What the figures say
workforce-representation = Representation
workforce-pay = Pay
workforce-flows = Hires, promotions and exits
workforce-flows-none = The extract has no dates of hire, exit or promotion.
workforce-for-administration = Administration
workforce-choose = Show
workforce-uploaded = Computed on { $date } from { $rows ->
    [one] one row
   *[other] { $rows } rows
}
workforce-report-title = Workforce statistics { $year }
workforce-flag = Joint pay assessment
nav-workforce = Workforce
users-recognition = Recognized GED Expert
users-recognized-until = Recognized until { $date }
users-recognition-lapsed = Recognition lapsed on { $date }
users-recognized-on = Recognized on
users-record-recognition = Record recognition
users-withdraw-recognition = Withdraw recognition
users-recognition-recorded = The recognition was recorded (valid three years).
users-recognition-withdrawn = The recognition was withdrawn.
error-recognition_needs_expert = Only an expert account can be recognized as GED Expert.
field-recognized_on = Date of recognition
error-invalid_year = Give a year between 1950 and 2100.
error-invalid_min_group = Give a whole number between 10 and 1000: figures of smaller groups are never stored.
field-year = Reference year
field-min_group = Smallest group shown
workforce-management-share = Women in management (%)
workforce-trend-help = Newest year first: how the share of women, their share of management posts and the mean pay gap evolve.
workforce-upload-failed = The upload was interrupted (connection lost?). Nothing was stored; choose Compute again.

## Action plans (monitoring and evaluation)
nav-plans = Action plans
nav-notifications = Notifications
nav-unread = { $count ->
    [one] { $count } unread
   *[other] { $count } unread
}
plans-title = Action plans
plans-intro = An action plan turns the diagnostic's gaps into objectives, actions and measured indicators with targets. Each indicator's status compares its progress towards the target with the time elapsed.
plans-none = No action plan yet.
plans-totals = { $plans ->
    [one] One plan
   *[other] { $plans } plans
} from { $administrations ->
    [one] one administration
   *[other] { $administrations } administrations
}; { $overdue ->
    [one] one overdue action
   *[other] { $overdue } overdue actions
} in all.
plans-on-track = On track
plans-on-track-help = "On track" is the share of a plan's indicators that are on track or achieved, out of all its indicators (an indicator without data is not on track).
plans-new = New action plan
plans-new-blank = Start a plan without an assessment
plans-from-assessment = Start from a validated assessment: its gaps are offered as objectives.
plans-based-on = Based on the diagnostic
plans-diagnostic = diagnostic report
plans-gaps = Gaps of the diagnostic
plans-gaps-help = Tick the gaps this plan will address: each becomes an objective linked to its indicator code. Nothing is ticked for you; within each section the lowest ratings come first. You can add and link more objectives later.
plans-no-gaps = This assessment has no gaps.
plans-rating = rating
plans-create = Create the plan
plans-back = ← All action plans
plan-title = Plan title
plan-period = Period
plan-period-start = Start of the period
plan-period-end = End of the period
plan-owner = Owner (person or unit)
plan-owner-help = Reminders go to your account; write here who owns the plan in your administration.
plan-as-of = Figures as of
plan-status-draft = Draft
plan-status-adopted = Adopted
plan-status-closed = Closed
plan-make-adopted = Adopt the plan
plan-make-closed = Close the plan
plan-download-pdf = Progress report (PDF)
plan-download-xlsx = Progress report (Excel)
plan-download-other-language = Report in French
plan-overview = Overview
plan-indicators-by-status = Indicators by status
plan-actions-by-status = Actions by status
plan-overdue = Overdue actions
plan-nothing-overdue = No action is overdue.
plan-needs-data = Indicators that need a measurement
plan-nothing-needs-data = Every indicator is up to date.
plan-indicators = Indicators
plan-no-indicators = No indicator yet: add one below.
plan-status-help = Progress = (latest − baseline) ÷ (target − baseline); elapsed = time from the baseline to the latest measurement ÷ time to the target date. On track: progress at most 10 points behind the elapsed time; at risk: at most 25 points behind; off track: further behind. After a milestone's date, progress is measured towards that milestone.
plan-objectives = Objectives and actions
plan-no-objectives = No objective yet.
plan-objective = Objective
plan-addresses = Addresses GEOAT indicators:
plan-add-objective = Add an objective
plan-objective-codes = GEOAT indicator codes it addresses
plan-objective-codes-help = Separate codes with commas or spaces, e.g. P1.1.2, P3.2.1.
plan-no-actions = No action yet.
plan-actions = Actions
plan-actions-done = Actions done
plan-actions-overdue = Overdue actions
plan-actions-total = Actions in all
plan-report-title = Action plan progress report
plan-report-summary = Summary
plan-report-actions = { $count ->
    [one] One action
   *[other] { $count } actions
}: { $done ->
   *[other] { $done } done
}, { $overdue ->
   *[other] { $overdue } overdue
}.
plan-report-item = Item
plan-report-value = Value
plan-sheet-summary = Summary
plan-sheet-indicators = Indicators
plan-sheet-actions = Actions
plan-sheet-measurements = Measurements
action-title = Action
action-responsible = Responsible person or unit
action-start = Start
action-due = Due
action-budget = Budget
action-budget-amount = Budget amount (optional)
action-budget-currency = Currency (ISO code, e.g. EUR)
action-notes = Progress notes
action-save = Save
action-add = Add an action
action-overdue = overdue
action-status-not_started = Not started
action-status-in_progress = In progress
action-status-done = Done
action-status-cancelled = Cancelled
action-status-delayed = Delayed
indicator-name = Indicator
indicator-name-en = Name in English
indicator-name-fr = Name in French
indicator-whole-plan = The whole plan
indicator-unit = Unit
indicator-unit-percent = Percent
indicator-unit-count = Count
indicator-unit-ratio = Ratio
indicator-unit-currency = Currency amount
indicator-unit-text_scale = Text scale (rank)
indicator-direction = Direction
indicator-direction-increase = Increase is better
indicator-direction-decrease = Decrease is better
indicator-frequency = Measured
indicator-frequency-monthly = Monthly
indicator-frequency-quarterly = Quarterly
indicator-frequency-semiannual = Every six months
indicator-frequency-annual = Yearly
indicator-source = Source
indicator-source-manual = Entered or imported values
indicator-source-assessment = GEOAT score of each validated assessment
indicator-source-assessment-overall = GEOAT overall score
indicator-source-assessment-section = GEOAT score of section { $section }
indicator-source-workforce = Workforce statistic { $statistic }
indicator-source-workforce-choice = Workforce statistic of each reporting year
indicator-section = GEOAT section (for a GEOAT source)
indicator-section-help = A section code such as P1; leave empty for the overall score.
indicator-statistic = Workforce statistic (for a workforce source)
indicator-baseline = Baseline
indicator-baseline-value = Baseline value
indicator-baseline-date = Baseline date
indicator-target = Target
indicator-target-value = Target value
indicator-target-date = Target date
indicator-milestone = Milestone
indicator-milestones = Milestones
indicator-milestones-help = One per line: date and value, e.g. 2025-12-31 30.
indicator-latest = Latest value
indicator-progress = Progress
indicator-elapsed = Time elapsed
indicator-projection = Projection
indicator-projection-value = { $value } on { $date } if the trend so far continues
indicator-today = Today
indicator-towards-milestone = towards the milestone { $value } on { $date }
indicator-chart-description = Status: { $status }. Latest value { $latest }; target { $target }.
indicator-measurements = Measurements
indicator-no-measurements = No measurement yet.
indicator-date = Date
indicator-value = Value
indicator-comment = Comment
indicator-entered-by = Entered by
indicator-entered-at = Entered on
indicator-corrected = corrected
indicator-record = Record a measurement
indicator-record-help = A value for a date that already has one corrects it; the earlier value stays in the history.
indicator-import = Import measurements
indicator-import-help = A CSV or Excel file with the columns date (YYYY-MM-DD), value and optionally comment. If any row has a problem, nothing is imported and every problem is listed.
indicator-import-file = Measurements file (.csv or .xlsx)
indicator-add = Add an indicator
indicator-status-no_data = No data
indicator-status-achieved = Achieved
indicator-status-on_track = On track
indicator-status-at_risk = At risk
indicator-status-off_track = Off track
import-not-readable = The file is neither a UTF-8 CSV file nor an Excel workbook.
import-missing-columns = The first row must name the columns date and value (and optionally comment).
import-empty = The file has no measurement rows.
import-too-many-rows = The file has too many rows (at most 10,000).
import-problems = { $count ->
    [one] One row has a problem; nothing was imported.
   *[other] { $count } problems were found; nothing was imported.
}
notifications-title = Notifications
notifications-none = You have no notifications.
notifications-unread = Unread:
notifications-mark-read = Mark all as read
notifications-open = Open
reminder-subject = { $count ->
    [one] gedhub: one reminder about your action plans
   *[other] gedhub: { $count } reminders about your action plans
}
reminder-greeting = Hello { $name },
reminder-action-overdue = Overdue since { $date }: { $name } ({ $link })
reminder-action-due = Due on { $date }: { $name } ({ $link })
reminder-measurement-due = Measurement due since { $date }: { $name } ({ $link })
reminder-footer = This message was sent by gedhub's daily reminder. Sign in to update the plan.
error-plan_closed = This plan is closed: it is kept as a record and no longer changes.
error-plan_changed = Someone changed this plan in the meantime: reload it and try again.
error-assessment_not_validated = Choose a validated assessment of the same administration.
error-unknown_objective = This plan has no such objective.
error-period_end_not_after_start = The end of the period must be after its start.
error-due_date_before_start = The due date cannot be before the start date.
error-invalid_amount = Give the amount as a positive number.
error-invalid_currency = Give the currency as a three-letter ISO code, e.g. EUR.
error-not_manual = This indicator takes its values from its source; they cannot be typed in.
error-unknown_source = The source must be manual, assessment or workforce.
error-unknown_statistic = Choose one of the workforce statistics gedhub computes.
error-not_a_number = This is not a number.
error-duplicate_date = This date appears twice in the file.
error-measurement_in_future = This date has not come yet: a measurement records what was observed (planned values are milestones or the target).
error-unknown_unit = The unit must be %, percent, count, ratio, currency or text_scale.
error-unknown_direction = The direction must be increase or decrease.
error-direction_contradicts_target = The target is on the other side of the baseline from the direction given.
error-unknown_frequency = The frequency must be monthly, quarterly, semiannual or annual.
error-not_finite = Give a finite number.
error-target_date_not_after_baseline = The target date must be after the baseline date.
error-target_equals_baseline = The target must differ from the baseline.
error-milestone_outside_period = Milestones must fall between the baseline date and the target date.
error-milestones_not_sorted = Milestones must be in date order, one per date.
error-milestone_equals_baseline = A milestone must differ from the baseline.
error-milestone_contradicts_target = A milestone must lie on the target's side of the baseline.
field-baseline_value = Baseline value
field-baseline_date = Baseline date
field-target_value = Target value
field-target_date = Target date
field-unit = Unit
field-direction = Direction
field-frequency = Frequency
field-milestones = Milestones
field-source = Source
field-statistic = Statistic
field-objective_id = Objective
field-due_date = Due date
field-start_date = Start date
field-budget_amount = Budget amount
field-budget_currency = Currency
field-period_start = Start of the period
field-period_end = End of the period
field-owner = Owner
field-assessment_id = Assessment
field-value = Value
field-date = Date
field-comment = Comment
field-progress_notes = Progress notes
field-responsible = Responsible
field-objective_title = Objective
field-indicator_codes = GEOAT indicator codes
field-gap = Gap
report-addressed-by = Addressed by
report-start-plan = Build an action plan from this diagnostic's gaps
plan-close-warning = A closed plan is kept as a record: its objectives, actions, indicators and values can no longer change, and it cannot be reopened (start a new plan instead).
plan-close-confirm = Yes, close the plan
plan-edit = Edit the title, period and owner

## Workshops (capacity building)
nav-workshops = Workshops
workshops-title = Workshops
workshops-intro = Train-the-trainer, national and regional workshops: who takes part, who attended each day, and who completed the workshop under its rules.
workshops-none = No workshop yet.
workshops-new = New workshop
workshops-create = Create the workshop
workshops-back = ← All workshops
workshop-title = Title
workshop-kind = Kind
workshop-kind-train_the_trainer = Train-the-trainer
workshop-kind-national = National
workshop-kind-regional = Regional
workshop-mode = Mode
workshop-mode-in_person = In person
workshop-mode-virtual = Virtual
workshop-venue = Venue (in person)
workshop-meeting-link = Meeting link (virtual)
workshop-language = Language of delivery
support-language = Language of the support
workshop-language-en = English
workshop-language-fr = French
workshop-language-es = Spanish
workshop-language-pt = Portuguese
workshop-language-ar = Arabic
workshop-dates = Dates
workshop-start = First day
workshop-end = Last day
workshop-capacity = Capacity
workshop-min-attendance = Minimum attendance to complete (%)
workshop-min-post-test = Minimum post-test score to complete (%; empty: no test required)
workshop-completion-rules = Completion rules
workshop-rules = Attendance at least { $attendance } %.
workshop-rules-with-test = Attendance at least { $attendance } % and a post-test score at least { $post } %.
workshop-participants = Participants
workshop-no-participants = No participant yet.
workshop-attendance = Attendance
workshop-completion = Completion
workshop-completed = Completed
workshop-add-participant = Add a participant (e-mail of an existing account)
workshop-add = Add
workshop-attendance-sheet = Attendance sheet
workshop-attendance-help = One sheet per day: tick who was present; everyone else is recorded absent that day.
workshop-present-on = Present on
workshop-save-attendance = Save the day's attendance
completion-attendance_below_minimum = Attendance below the minimum
completion-post_test_not_taken = Post-test not taken
completion-post_test_below_minimum = Post-test score below the minimum
error-unknown_kind = The kind must be train_the_trainer, national or regional.
error-unknown_mode = The mode must be in_person or virtual.
error-end_before_start = The last day cannot be before the first day.
error-workshop_too_long = A workshop lasts at most a year.
error-invalid_capacity = Give a capacity between 1 and 1000.
error-not_a_percentage = Give a percentage between 0 and 100.
error-capacity_exceeded = The workshop is full: its capacity is reached.
error-already_participant = This person already takes part in the workshop.
error-not_a_participant = This person does not take part in the workshop.
error-day_outside_workshop = This day is not one of the workshop's days.
field-kind = Kind
field-mode = Mode
field-language = Language
field-capacity = Capacity
field-end_date = Last day
field-min_attendance_pct = Minimum attendance
field-min_post_test_pct = Minimum post-test score
participant-status-nominated = Nominated
participant-status-confirmed = Confirmed
participant-status-waitlisted = Waitlisted
nomination-nominate = Nominate someone from your administration
nomination-email = E-mail of the person's gedhub account
nomination-motivation = Motivation
nomination-languages = Languages
nomination-experience = Experience
nomination-submit = Send the nomination
nomination-confirm = Confirm
nomination-waitlist = Waitlist
error-unknown_decision = The decision must be preselect, confirm or waitlist.
field-motivation = Motivation
field-languages = Languages
field-experience = Experience
field-decision = Decision
action-responsible-account = Account reminded (e-mail, optional)
action-responsible-account-help = Someone of your administration with a gedhub account; without one, reminders go to the plan's owner.
error-responsible_not_in_administration = The person reminded must have an account in the plan's administration.
field-responsible_email = Account reminded
completion-override = Override the completion
completion-overridden = Decided by the Secretariat
completion-set-completed = Completed
completion-set-not-completed = Not completed
completion-set-computed = As computed from the rules (remove the override)
error-unknown_completion = The completion must be completed, not_completed or computed.
field-completion = Completion
choose-one = Choose…
form-problems-heading = The form could not be saved. What you typed is kept below; please correct:
error-invalid_meeting_link = Give a link starting with https:// or http://, without spaces.

## Dashboard: next steps (issue 19)
next-steps-heading = Next steps
next-steps-none = Nothing is waiting for you.
next-diagnostic-start = Start your administration’s GEOAT diagnostic.
next-diagnostic-continue = Continue the diagnostic “{ $title }” and submit it once every indicator is answered.
next-diagnostic-await = The diagnostic “{ $title }” is submitted: the Secretariat will validate it.
next-diagnostic-build-plan = Build an action plan from the gaps of “{ $title }”.
next-diagnostic-follow-plan = Follow your action plan: record the progress of actions and the measurements due.
next-actions-overdue = { $count ->
    [one] One action of your plans is overdue.
   *[other] { $count } actions of your plans are overdue.
}
next-actions-due-soon = { $count ->
    [one] One action of your plans is due within a week.
   *[other] { $count } actions of your plans are due within a week.
}
next-measurements-due = { $count ->
    [one] One indicator of your plans is due for a measurement.
   *[other] { $count } indicators of your plans are due for a measurement.
}
next-nominations-open = { $count ->
    [one] One workshop takes nominations.
   *[other] { $count } workshops take nominations.
}
next-assessments-to-validate = { $count ->
    [one] One diagnostic waits for validation.
   *[other] { $count } diagnostics wait for validation.
}
next-nominations-to-decide = { $count ->
    [one] One nomination waits for your decision.
   *[other] { $count } nominations wait for your decision.
}
next-new-inquiries = { $count ->
    [one] One new inquiry waits for an answer.
   *[other] { $count } new inquiries wait for an answer.
}
next-requests-to-answer = { $count ->
    [one] One support request waits for an answer.
   *[other] { $count } support requests wait for an answer.
}
next-missions-to-report = { $count ->
    [one] One mission is over and waits for its report.
   *[other] { $count } missions are over and wait for their report.
}
next-workshop = Your workshop “{ $title }”, { $start } to { $end }.
next-test-pre = Take the pre-test of “{ $title }”.
next-test-post = Take the post-test of “{ $title }”.

## Password reset (issue 19)
login-forgot-password = Forgot your password?
login-password-set = Your password is set. Sign in with it.
reset-title = Reset your password
reset-intro = Enter the e-mail address of your gedhub account. We will send you a link to choose a new password.
reset-submit = Send me a link
reset-sent = If a gedhub account has this address, a link to choose a new password is on its way to it. The link works once, for one hour. Nothing arrived? Check your spam folder, or ask again in a few minutes.
reset-back-to-login = Back to sign-in
reset-choose-intro = Choose a new password for your gedhub account. You will then be signed out everywhere and can sign in with it.
reset-email-subject = Choose a new gedhub password
reset-email-body = Dear { $name },

    Someone (probably you) asked to reset the password of your gedhub account. To choose a new one, open this link within { $minutes } minutes:

    { $link }

    The link works once. If you did not ask for it, ignore this message: your password stays as it is.

# A label and its value in running text (PDF summaries).
label-value = { $label }: { $value }
