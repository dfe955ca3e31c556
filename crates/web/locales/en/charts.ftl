# Charts of the diagnostic report and their legends (issue 19).
report-provisional = Provisional: this diagnostic is not validated yet; its scores may still change.
report-radar-subject = { $administration } – this assessment
report-radar-region = { $region } – published average { $year }
report-radar-global = All Members – published average { $year }
report-radar-table = The same figures in a table follow the chart.
