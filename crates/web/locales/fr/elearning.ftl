# Modules d'apprentissage en ligne, rapports d'achèvement, certificats et LRS (ticket 6).
nav-elearning = Apprentissage en ligne
elearning-title = Apprentissage en ligne
elearning-intro = Les modules d'apprentissage en ligne EGD du programme de formation mixte se suivent sur la plateforme d'apprentissage de l'OMD (CLiKC!). Leur achèvement parvient à gedhub par le rapport d'achèvement de la plateforme, par ses déclarations xAPI, ou par votre propre certificat électronique.
elearning-modules = Modules
elearning-no-modules = Aucun module n'a encore été défini.
elearning-module = Module
elearning-lms-course = Cours sur la plateforme d'apprentissage
elearning-activity-iri = IRI de l'activité xAPI
elearning-completions = Achèvements
elearning-my-status = Ma situation
elearning-completed-on = Achevé le
elearning-not-completed = Pas encore achevé.
elearning-certificate-waiting = Votre certificat électronique attend la confirmation du Secrétariat.
elearning-upload-certificate = Envoyer mon certificat électronique
elearning-certificate-file = Certificat électronique (PDF ou image)
elearning-certificate-date = Date d'achèvement
elearning-send-certificate = Envoyer
elearning-certificates = Certificats électroniques
elearning-no-certificates = Aucun certificat électronique n'a été envoyé.
elearning-certificate-pending = En attente de confirmation
elearning-certificate-confirmed = Confirmé
elearning-certificate-rejected = Refusé
elearning-confirm = Confirmer
elearning-reject = Refuser
elearning-lrs-link = Identifiants du système de gestion des traces d'apprentissage (xAPI)
elearning-new-module = Nouveau module
elearning-code = Code
elearning-title-en = Titre en anglais
elearning-title-fr = Titre en français
elearning-create-module = Créer le module
elearning-back = Retour à l'apprentissage en ligne
elearning-import = Importer le rapport d'achèvement
elearning-import-help = Téléchargez le rapport d'achèvement du cours depuis la plateforme d'apprentissage au format CSV ou Excel et déposez-le ici. Les apprenants sont reconnus par leur adresse électronique ; les lignes sans compte correspondant sont listées et non enregistrées ; importer de nouveau le même rapport ne change rien. Une adresse ou une date mal formée fait refuser tout le fichier.
elearning-report-file = Rapport d'achèvement (CSV ou Excel)
elearning-import-button = Importer
elearning-import-done = Import terminé
elearning-import-rows = { $count ->
    [one] { $count } ligne lue.
   *[other] { $count } lignes lues.
}
elearning-import-recorded = { $count ->
    [one] { $count } achèvement enregistré.
   *[other] { $count } achèvements enregistrés.
}
elearning-import-already = { $count ->
    [one] { $count } achèvement était déjà connu (inchangé).
   *[other] { $count } achèvements étaient déjà connus (inchangés).
}
elearning-import-unmatched = { $count ->
    [one] { $count } ligne ne correspond à aucun compte gedhub.
   *[other] { $count } lignes ne correspondent à aucun compte gedhub.
}
elearning-unmatched-caption = Lignes sans compte correspondant (non enregistrées)
elearning-skipped-caption = Lignes ignorées
elearning-skip-not-completed = Non achevé
elearning-skip-other-course = Un autre cours
elearning-skip-duplicate = Même apprenant qu'une ligne précédente
elearning-report-refused = { $count ->
    [one] Le rapport pose { $count } problème ; rien n'a été enregistré.
   *[other] Le rapport pose { $count } problèmes ; rien n'a été enregistré.
}
elearning-line = Ligne { $line }
elearning-no-completions = Personne n'a encore achevé ce module.
elearning-source = Source
elearning-source-lms-report = Rapport d'achèvement
elearning-source-xapi = Déclaration xAPI
elearning-source-certificate = Certificat électronique
elearning-lrs-title = Système de gestion des traces d'apprentissage (xAPI)
elearning-lrs-intro = La plateforme d'apprentissage peut signaler les achèvements au fil de l'eau en envoyant des déclarations xAPI à gedhub (pour Moodle : le module logstore_xapi, avec l'option qui identifie les apprenants par leur adresse électronique). Donnez-lui l'adresse ci-dessous et une paire d'identifiants par plateforme.
elearning-lrs-endpoint = Adresse
elearning-lrs-issued = Nouveaux identifiants
elearning-lrs-issued-help = Copiez le secret maintenant : il n'est affiché qu'une fois et gedhub n'en garde qu'une empreinte.
elearning-lrs-key = Clé (nom d'utilisateur)
elearning-lrs-secret = Secret (mot de passe)
elearning-lrs-none = Aucun identifiant n'a été délivré.
elearning-lrs-created = Délivré le
elearning-lrs-new = Délivrer des identifiants
elearning-lrs-name = Plateforme d'apprentissage
elearning-lrs-create = Délivrer
field-title_en = Titre en anglais
field-title_fr = Titre en français
field-lms_course_id = Cours sur la plateforme d'apprentissage
field-activity_iri = IRI de l'activité xAPI
field-completed_on = Date d'achèvement
error-invalid_module_code = Le code doit compter de 1 à 32 lettres, chiffres, points, traits d'union ou tirets bas.
error-not_an_iri = Il faut une IRI absolue, par exemple https://example.org/course/1.
error-module_code_taken = Un autre module a déjà ce code.
error-activity_iri_taken = Un autre module a déjà cette IRI d'activité.
error-certificate_decided = Il a déjà été statué sur ce certificat électronique.
error-date_in_future = La date ne peut pas être dans le futur.
error-missing_email_column = Le rapport n'a pas de colonne d'adresse électronique (par exemple « Adresse de courriel »).
error-missing_date_column = Le rapport n'a pas de colonne de date d'achèvement (par exemple « Date d'achèvement »).
error-empty_report = Le rapport ne contient aucune ligne d'apprenant.
error-import_not_readable = Le fichier n'est ni un fichier CSV UTF-8 ni un classeur Excel.
error-body_required = Le corps de la requête est vide.
error-unknown_certificate_decision = La décision doit être confirmer ou refuser.
