# E-learning modules, completion reports, e-certificates and the LRS (issue 6).
nav-elearning = E-learning
elearning-title = E-learning
elearning-intro = The GED e-learning modules of the blended training package are taken on the WCO's learning platform (CLiKC!). Their completions reach gedhub from the platform's completion report, from its xAPI statements, or from your own e-certificate.
elearning-modules = Modules
elearning-no-modules = No module has been defined yet.
elearning-module = Module
elearning-lms-course = Course in the learning platform
elearning-activity-iri = xAPI activity IRI
elearning-completions = Completions
elearning-my-status = My status
elearning-completed-on = Completed on
elearning-not-completed = Not completed yet.
elearning-certificate-waiting = Your e-certificate is waiting for the Secretariat's confirmation.
elearning-upload-certificate = Send my e-certificate
elearning-certificate-file = E-certificate (PDF or image)
elearning-certificate-date = Completion date
elearning-send-certificate = Send
elearning-certificates = E-certificates
elearning-no-certificates = No e-certificate has been sent.
elearning-certificate-pending = Waiting for confirmation
elearning-certificate-confirmed = Confirmed
elearning-certificate-rejected = Rejected
elearning-confirm = Confirm
elearning-reject = Reject
elearning-lrs-link = Learning Record Store credentials (xAPI)
elearning-new-module = New module
elearning-code = Code
elearning-title-en = Title in English
elearning-title-fr = Title in French
elearning-create-module = Create the module
elearning-back = Back to e-learning
elearning-import = Import the completion report
elearning-import-help = Download the course completion report from the learning platform as CSV or Excel and upload it here. Learners are matched by e-mail address; rows without a matching account are listed and not recorded; importing the same report again changes nothing. A malformed e-mail address or date refuses the whole file.
elearning-report-file = Completion report (CSV or Excel)
elearning-import-button = Import
elearning-import-done = Import finished
elearning-import-rows = { $count ->
    [one] One row read.
   *[other] { $count } rows read.
}
elearning-import-recorded = { $count ->
    [one] One completion recorded.
   *[other] { $count } completions recorded.
}
elearning-import-already = { $count ->
    [one] One completion was already known (unchanged).
   *[other] { $count } completions were already known (unchanged).
}
elearning-import-unmatched = { $count ->
    [one] One row matches no gedhub account.
   *[other] { $count } rows match no gedhub account.
}
elearning-unmatched-caption = Rows without a matching account (not recorded)
elearning-skipped-caption = Rows skipped
elearning-skip-not-completed = Not completed
elearning-skip-other-course = Another course
elearning-skip-duplicate = Same learner as an earlier row
elearning-report-refused = { $count ->
    [one] The report has one problem; nothing was recorded.
   *[other] The report has { $count } problems; nothing was recorded.
}
elearning-line = Line { $line }
elearning-no-completions = Nobody has completed this module yet.
elearning-source = Source
elearning-source-lms-report = Completion report
elearning-source-xapi = xAPI statement
elearning-source-certificate = E-certificate
elearning-lrs-title = Learning Record Store (xAPI)
elearning-lrs-intro = The learning platform can report completions as they happen by sending xAPI statements to gedhub (for Moodle: the logstore_xapi plugin, with the option to identify learners by e-mail). Give it the endpoint below and one pair of credentials per platform.
elearning-lrs-endpoint = Endpoint
elearning-lrs-issued = New credentials
elearning-lrs-issued-help = Copy the secret now: it is shown only once and gedhub keeps only a fingerprint of it.
elearning-lrs-key = Key (user name)
elearning-lrs-secret = Secret (password)
elearning-lrs-none = No credentials have been issued.
elearning-lrs-created = Issued on
elearning-lrs-new = Issue credentials
elearning-lrs-name = Learning platform
elearning-lrs-create = Issue
field-title_en = Title in English
field-title_fr = Title in French
field-lms_course_id = Course in the learning platform
field-activity_iri = xAPI activity IRI
field-completed_on = Completion date
error-invalid_module_code = The code must be 1 to 32 letters, digits, dots, hyphens or underscores.
error-not_an_iri = This must be an absolute IRI, such as https://example.org/course/1.
error-module_code_taken = Another module already has this code.
error-activity_iri_taken = Another module already has this activity IRI.
error-certificate_decided = This e-certificate has already been decided.
error-date_in_future = The date cannot be in the future.
error-missing_email_column = The report has no e-mail column (for example "Email address").
error-missing_date_column = The report has no completion-date column (for example "Time completed").
error-empty_report = The report has no learner rows.
error-import_not_readable = The file is neither a UTF-8 CSV file nor an Excel workbook.
error-body_required = The request body is empty.
error-unknown_certificate_decision = The decision must be confirm or reject.
