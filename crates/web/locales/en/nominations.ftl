# The call for nominations, preselection and nominees' account set-up (issue 6).
call-open = Nominations are open.
call-open-until = Nominations are open until { $date } (included).
call-closed = The call for nominations is closed.
call-close = Close the call for nominations
call-open-button = Open the call for nominations
field-close_on = Last day for nominations (optional)
nomination-name = Name of the person, if they have no gedhub account yet
nomination-name-help = gedhub then creates a participant account in your administration; once the Secretariat confirms the person, they receive an e-mail to choose their password.
nomination-preselect = Preselect
participant-status-preselected = Preselected
setup-title = Set up your gedhub account
setup-intro = Your administration nominated you for a WCO gender equality and diversity workshop and the Secretariat confirmed your place. Choose a password to sign in.
setup-submit = Set my password
setup-email-subject = Your place in the workshop "{ $workshop }" – set up your gedhub account
setup-email-body = Dear { $name },

    The WCO Secretariat has confirmed your place in the workshop "{ $workshop }". To follow the workshop in gedhub (agenda, attendance, tests and your training record), choose your password with this link, which works once and for { $days ->
        [one] one day
       *[other] { $days } days
    }:

    { $link }

    WCO Secretariat – Gender Equality and Diversity programme
error-nominations_closed = The call for nominations for this workshop is closed.
error-unknown_call_action = The action must be open or close.
call-closed-started = The workshop has started: nominations are closed.
nomination-languages-help = The languages the person works in (at least one).
nomination-sex-help = Optional, used only to count people trained by sex. Leave it unanswered if you do not know: the person can record it on their account.
error-workshop_started = This workshop has started: nominations closed on its first day.
error-nominee_unknown = No one in your administration has a gedhub account with this address. To nominate a colleague who has none yet, also give their name: gedhub creates their account.
