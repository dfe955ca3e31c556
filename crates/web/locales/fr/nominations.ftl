# L'appel à candidatures, la présélection et l'activation des comptes des candidats (ticket 6).
call-open = Les candidatures sont ouvertes.
call-open-until = Les candidatures sont ouvertes jusqu'au { $date } inclus.
call-closed = L'appel à candidatures est clos.
call-close = Clore l'appel à candidatures
call-open-button = Ouvrir l'appel à candidatures
field-close_on = Dernier jour des candidatures (facultatif)
nomination-name = Nom de la personne, si elle n'a pas encore de compte gedhub
nomination-name-help = gedhub crée alors un compte de participant dans votre administration ; dès que le Secrétariat confirme la personne, elle reçoit un courriel pour choisir son mot de passe.
nomination-preselect = Présélectionner
participant-status-preselected = Présélectionné
setup-title = Activez votre compte gedhub
setup-intro = Votre administration a proposé votre candidature à un atelier de l'OMD sur l'égalité de genre et la diversité, et le Secrétariat a confirmé votre place. Choisissez un mot de passe pour vous connecter.
setup-submit = Choisir mon mot de passe
setup-email-subject = Votre place à l'atelier « { $workshop } » – activez votre compte gedhub
setup-email-body = Bonjour { $name },

    Le Secrétariat de l'OMD a confirmé votre place à l'atelier « { $workshop } ». Pour suivre l'atelier dans gedhub (programme, présence, tests et votre dossier de formation), choisissez votre mot de passe avec ce lien, valable une seule fois pendant { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } :

    { $link }

    Secrétariat de l'OMD – programme Égalité de genre et diversité
error-nominations_closed = L'appel à candidatures de cet atelier est clos.
error-unknown_call_action = L'action doit être ouvrir ou clore.
call-closed-started = L'atelier a commencé : l'appel à candidatures est clos.
nomination-languages-help = Les langues de travail de la personne (au moins une).
nomination-sex-help = Facultatif, sert uniquement à compter les personnes formées par sexe. Laissez sans réponse si vous ne savez pas : la personne peut le renseigner dans son compte.
error-workshop_started = Cet atelier a commencé : l'appel à candidatures a été clos à son premier jour.
error-nominee_unknown = Personne de votre administration n'a de compte gedhub à cette adresse. Pour proposer une ou un collègue qui n'en a pas encore, indiquez aussi son nom : gedhub crée son compte.
