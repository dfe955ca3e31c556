# gedhub — English interface text.
language-name = English
language-switcher = Interface language
brand-tagline = Gender equality and diversity in Customs
skip-to-content = Skip to main content
nav-label = Main
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
login-rate-limited = Too many failed attempts. Wait 15 minutes, then try again.

dashboard-title = Dashboard
dashboard-greeting = Welcome, { $name }.
dashboard-intro-secretariat = You see the whole programme: every Member administration, every account and every change.
dashboard-intro-focal_point = You manage the gender equality and diversity work of your administration.
dashboard-intro-expert = You see the work you are assigned to as a trainer or expert.
dashboard-intro-participant = You see your own training record.
dashboard-registry = Member administrations
dashboard-registry-caption = { $count } administrations by WCO region
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
error-unknown_administration = No administration has this code.
error-unknown_account = No account has this e-mail address.
error-administration_required = A focal point must belong to an administration.
error-secretariat_cannot_be_focal_point = A Secretariat account cannot be a focal point.
error-password_too_short = The password must have at least 10 characters.
error-password_too_long = The password must have at most 256 characters.
error-wrong_password = The current password is wrong.
error-passwords_differ = The two new passwords are not the same.
error-email_taken = An account with this e-mail address already exists.
error-code_taken = An administration with this code already exists.
