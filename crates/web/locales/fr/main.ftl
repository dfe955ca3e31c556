# gedhub — textes de l'interface en français.
language-name = Français
language-switcher = Langue de l'interface
brand-tagline = Égalité des genres et diversité dans les douanes
skip-to-content = Aller au contenu principal
nav-label = Menu principal
menu-toggle = Menu
nav-dashboard = Tableau de bord
nav-my-administration = Mon administration
nav-administrations = Administrations
nav-users = Utilisateurs
nav-audit = Journal d'audit
nav-account = Mon compte
sign-in = Se connecter
sign-out = Se déconnecter
save = Enregistrer
cancel = Annuler
filter = Filtrer
footer-text = gedhub, pour le programme Égalité des genres et diversité de l'OMD
footer-api = Documentation de l'API (OpenAPI)

role-secretariat = Secrétariat de l'OMD
role-focal_point = Point focal
role-expert = Expert ou experte
role-participant = Participant ou participante

region-ESA = Afrique orientale et australe
region-WCA = Afrique occidentale et centrale
region-MENA = Afrique du Nord, Proche et Moyen-Orient
region-EUR = Europe
region-AP = Asie/Pacifique
region-AMS = Amériques et Caraïbes

field-email = Adresse électronique
field-password = Mot de passe
field-name = Nom
field-role = Rôle
field-region = Région
field-code = Code
field-status = Statut
field-administration = Administration
field-name_en = Nom en anglais
field-name_fr = Nom en français
field-locale = Langue
field-current_password = Mot de passe actuel
field-new_password = Nouveau mot de passe
field-confirm_password = Répétez le nouveau mot de passe
field-json = Corps de la requête

login-title = Connexion
login-intro = Connectez-vous avec l'adresse électronique et le mot de passe de votre compte gedhub.
login-failed = L'adresse électronique ou le mot de passe est incorrect.
login-rate-limited = Trop de tentatives échouées. Attendez { $count ->
    [one] une minute
   *[other] { $count } minutes
}, puis réessayez.
login-bad-next = Ce lien de connexion n'est pas valide : il mène hors de gedhub. Connectez-vous ici pour aller à votre tableau de bord.

dashboard-title = Tableau de bord
dashboard-greeting = Bienvenue, { $name }.
dashboard-intro-secretariat = Vous voyez l'ensemble du programme : chaque administration membre, chaque compte et chaque modification.
dashboard-intro-focal_point = Vous gérez le travail de votre administration en matière d'égalité des genres et de diversité.
dashboard-intro-expert = Vous voyez les travaux qui vous sont confiés en tant que formateur ou expert.
dashboard-intro-participant = Vous voyez votre propre parcours de formation.
dashboard-registry = Administrations membres
dashboard-registry-caption = { $count ->
    [one] { $count } administration par région de l'OMD
   *[other] { $count } administrations par région de l'OMD
}
dashboard-administrations = Administrations
dashboard-user-total = { $count ->
    [one] Un compte.
   *[other] { $count } comptes.
}
dashboard-recent-changes = Modifications récentes
dashboard-no-changes = Aucune modification pour l'instant.
dashboard-see-audit = Voir tout le journal d'audit
dashboard-your-administration = Votre administration

administrations-title = Administrations
administrations-add = Ajouter une administration
administrations-search = Rechercher par nom ou par code
administrations-all-regions = Toutes les régions
administrations-count = { $count ->
    [one] Une administration.
   *[other] { $count } administrations.
}
administration-title = Administration
administration-wco-member = Membre de l'OMD
administration-other-territory = Autre territoire douanier
administration-focal-points = Points focaux
administration-no-focal-points = Aucun point focal n'a encore été désigné.
administration-assign-focal-point = Adresse électronique du compte à désigner comme point focal
administration-assign-help = Le compte doit exister ; créez-le d'abord sous Utilisateurs si nécessaire.
administration-assign = Désigner
administration-remove-focal-point = Retirer
administration-edit = Modifier l'administration
administration-new-title = Ajouter une administration
administration-code-help = Code ISO 3166-1 alpha-2 pour un pays (par exemple BJ), ou jusqu'à 8 lettres, chiffres et traits d'union pour un autre territoire douanier.
administration-saved-details = L'administration a été enregistrée.
administration-saved-focal_point = Le point focal a été désigné.
administration-saved-removed = Le point focal a été retiré.
administration-saved-created = L'administration a été ajoutée.
confirm-remove-title = Retirer un point focal
confirm-remove-question = Retirer { $email } comme point focal de { $administration } ? Cette personne ne verra plus les données de l'administration.
confirm-remove-yes = Oui, retirer

users-title = Utilisateurs
users-add = Ajouter un utilisateur
users-created = Le compte { $email } a été créé.
user-new-title = Ajouter un utilisateur
user-administration-help = Code de l'administration de l'utilisateur (obligatoire pour un point focal), par exemple BJ.

account-title = Mon compte
account-language = Langue de l'interface
account-language-auto = Suivre mon navigateur
account-language-saved = Votre langue a été enregistrée.
account-change-password = Changer mon mot de passe
account-password-rules = Au moins 10 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.
account-password-changed = Votre mot de passe a été changé. Vos autres sessions ont été fermées.

audit-title = Journal d'audit
audit-intro = Chaque modification faite dans gedhub : qui, quand, quoi, et l'état avant et après.
audit-actor = Qui
audit-entity = Quoi
audit-action = Action
audit-any = Tout
audit-entity-administration = Administration
audit-entity-user = Compte
audit-from = Du
audit-to = Au
audit-when = Quand
audit-change = Modification
audit-show-change = Afficher
audit-before = Avant
audit-after = Après
audit-empty = Aucune modification ne correspond à ces filtres.
pager-label = Pages
pager-previous = Page précédente
pager-next = Page suivante

error-page-not-found = Page introuvable
error-page-forbidden = Accès refusé
error-page-internal = Une erreur s'est produite
error-page-bad-request = La requête n'a pas pu être traitée
error-back-home = Retour à la page d'accueil
error-with-field = { $field } : { $message }
error-not_found = Cette page ou cette ressource n'existe pas, ou vous n'y avez pas accès.
error-unauthenticated = Connectez-vous d'abord.
error-forbidden = Votre rôle ne permet pas cette action.
error-cross_origin_request = Cette requête venait d'un autre site et a été refusée.
error-payload_too_large = La requête est trop volumineuse.
error-too_many_requests = Trop de tentatives. Attendez quelques minutes, puis réessayez.
error-internal_error = Une erreur inattendue s'est produite. Elle a été consignée ; veuillez réessayer plus tard.
error-bad_request = La requête n'est pas valide.
error-method_not_allowed = Cette méthode n'est pas autorisée ici.
error-unsupported_media_type = Ce type de contenu n'est pas pris en charge.
error-json_malformed = Le corps de la requête n'est pas du JSON valide.
error-json_wrong_shape = Le JSON est valide mais des champs manquent ou ont un mauvais type.
error-json_content_type_required = Envoyez le corps en JSON avec l'en-tête Content-Type: application/json.
error-form_malformed = Le formulaire n'a pas pu être lu.
error-query_malformed = Les paramètres de la requête ne sont pas valides.
error-invalid_date = Les dates s'écrivent AAAA-MM-JJ.
error-required = Ce champ est obligatoire.
error-too_long = Ce texte est trop long.
error-invalid_email = Ce n'est pas une adresse électronique valide.
error-invalid_administration_code = Le code doit compter de 2 à 8 lettres majuscules, chiffres ou traits d'union, et commencer par une lettre.
error-unknown_region = Choisissez l'une des six régions de l'OMD.
error-unknown_role = Choisissez l'un des rôles : secretariat, focal_point, expert, participant.
error-unknown_language = Cette langue n'est pas disponible.
error-unsafe_redirect = Ce lien mène hors de gedhub ; il a été refusé.
error-unknown_administration = Aucune administration n'a ce code.
error-unknown_account = Aucun compte n'a cette adresse électronique.
error-administration_required = Un point focal doit appartenir à une administration.
error-secretariat_cannot_be_focal_point = Un compte du Secrétariat ne peut pas être point focal.
error-password_too_short = Le mot de passe doit compter au moins 10 caractères.
error-password_too_long = Le mot de passe doit compter au plus 256 caractères.
error-wrong_password = Le mot de passe actuel est incorrect.
error-passwords_differ = Les deux nouveaux mots de passe ne sont pas identiques.
error-email_taken = Un compte existe déjà avec cette adresse électronique.
error-workforce_report_exists = Cette année a déjà un rapport : confirmez son remplacement (dans l'API, envoyez replace=true).
error-workforce_extract_refused = L'extrait a été refusé (illisible, ou lignes en erreur) ; rien n'a été enregistré. Téléversez-le sur la page des effectifs pour voir chaque problème.
error-code_taken = Une administration existe déjà avec ce code.

# GEOAT : instruments, évaluations, rapport de diagnostic
nav-assessments = Évaluations
nav-instruments = Instruments
field-title = Titre
field-rating = Note
field-file = Fichier
field-reason = Motif
field-instrument = Instrument
field-body = Commentaire
field-justification = Justification
field-evidence = Notes sur les justificatifs
field-indicator_code = Indicateur
field-facilitator = Facilitateur
field-transition = Action
field-status-value = Statut
status-draft = Brouillon
status-in_progress = En cours
status-submitted = Soumise
status-validated = Validée
status-archived = Archivée
transition-submit = Soumettre pour validation
transition-validate = Valider
transition-reopen = Rouvrir
transition-archive = Archiver
rating-na-short = Sans objet
rating-not-answered = Sans réponse
answer-saved = Enregistré.
answer-last-saved = Dernier enregistrement par { $who } le { $when } (UTC).
answer-conflict = { $who } a enregistré cet indicateur pendant que vous le modifiiez (sa note : { $rating } ; sa justification : « { $justification } »). Votre texte est conservé ci-dessous : vérifiez-le et enregistrez de nouveau pour remplacer le sien.
answer-saving = Enregistrement…
answer-save-failed = Non enregistré :
answer-save-offline = Non enregistré : le serveur est injoignable. Votre texte est conservé ici ; il sera enregistré au retour de la connexion (ou utilisez « Enregistrer cette section »).
section-save = Enregistrer cette section
section-save-help = Chaque réponse est enregistrée au fil de la saisie ; ce bouton enregistre d’un coup toutes les réponses de la section.
section-saved = Les réponses de la section ont été enregistrées.
section-save-refused = Certaines réponses n’ont pas été enregistrées. Elles sont conservées ci-dessous telles que vous les avez saisies :
section-all-saved = Toutes les réponses de cette section sont enregistrées.
section-unsaved = Certaines réponses ne sont pas encore enregistrées.
assessments-title = Évaluations
assessments-intro = Auto-évaluations GEOAT : répondez aux indicateurs avec vos collègues, soumettez, puis lisez le diagnostic des points forts et des lacunes.
assessments-none = Aucune évaluation pour l'instant.
assessments-name = Évaluation
assessments-instrument = Instrument
assessments-updated = Dernière modification
assessments-start = Commencer une évaluation
assessment-progress = Avancement
assessment-answered = Répondus
assessment-assigned-to-me = qui vous est confiée
assessment-back-overview = Retour à la vue d'ensemble
assessment-read-only = Cette évaluation est en lecture seule dans son état actuel.
assessment-reason = Motif
assessment-sections = Sections
assessment-see-report = Voir le diagnostic
assessment-unanswered = Indicateurs sans réponse
assessment-confirm-submit = Soumettre avec des indicateurs sans réponse ?
assessment-unanswered-count = { $count ->
    [one] Un indicateur sur { $total } est sans réponse. Les scores du diagnostic n’en tiennent pas compte ; vous pouvez soumettre quand même ou continuer à répondre.
   *[other] { $count } indicateurs sur { $total } sont sans réponse. Les scores du diagnostic n’en tiennent pas compte ; vous pouvez soumettre quand même ou continuer à répondre.
}
assessment-submit-anyway = Soumettre quand même
assessment-go-on-answering = Continuer à répondre
assessment-workflow = Étapes
contributors-title = Contributeurs
contributors-none = Aucun contributeur invité pour l'instant.
contributors-all-sections = toutes les sections
contributors-facilitator = facilitateur (peut valider)
contributors-email = Adresse électronique du collègue ou de l'expert à inviter
contributors-sections = Sections auxquelles il ou elle répond (aucune cochée : toutes)
contributors-as-facilitator = Comme facilitateur (un expert reconnu qui valide l'évaluation)
contributors-invite = Inviter
comments-title = Commentaires
comments-add = Ajouter un commentaire
comments-post = Publier le commentaire
evidence-files = Fichiers
evidence-add-file = Joindre un fichier
evidence-file-help = PDF, Word, Excel, PowerPoint, OpenDocument ou image, 10 Mo au plus.
evidence-upload = Téléverser
pager-previous-section = Section précédente
pager-next-section = Section suivante
instruments-title = Instruments
instruments-intro = Les outils d'évaluation disponibles dans gedhub. Un instrument utilisé par une évaluation est figé : une nouvelle édition est importée comme un nouvel instrument.
instruments-name = Nom
instruments-edition = Édition
instruments-sections = Sections
instruments-indicators = Indicateurs
instruments-frozen = Utilisé (figé)
instruments-unused = Pas encore utilisé
instruments-export = Classeur
instruments-download-xlsx = Télécharger le classeur (.xlsx)
instruments-import = Importer un instrument
instruments-import-help = Un classeur Excel de trois feuilles : settings (key, value), structure (type, code, label::en, label::fr, guidance::en, guidance::fr) et scale (value, label::en, label::fr). Exportez un instrument pour obtenir un modèle. Un classeur qui présente le moindre problème est refusé en entier.
instruments-workbook = Classeur (.xlsx)
instruments-imported = L'instrument { $code } a été importé.
instruments-import-refused = Le classeur a été refusé ; rien n'a été importé. Corrigez ces problèmes puis importez-le de nouveau :
instruments-problems = Problèmes relevés
instruments-scale = Échelle de notation
instruments-meaning = Signification
instruments-thresholds = Seuils
import-sheet = Feuille
import-row = Ligne
import-column = Colonne
import-problem = Problème
import-value = Valeur
import-not_a_workbook = Le fichier n'est pas un classeur Excel .xlsx.
import-missing_sheet = Cette feuille manque.
import-missing_header = La ligne d'en-tête manque.
import-missing_column = Cette colonne manque dans l'en-tête.
import-language_not_in_structure = Cette langue n’a pas de colonne de libellés dans la feuille structure : ajoutez-y les libellés dans cette langue, ou supprimez cette colonne.
import-required = Cette cellule ne doit pas être vide.
import-duplicate_value = Cette valeur apparaît deux fois.
import-invalid_scale_value = Une valeur de l'échelle doit être un nombre entier de 0 à 10, ou na.
import-scale_not_consecutive_from_zero = L'échelle doit compter au moins deux niveaux numérotés 0, 1, 2… sans trou.
import-duplicate_key = Ce paramètre apparaît deux fois.
import-invalid_instrument_code = Le code doit compter de 3 à 60 lettres minuscules, chiffres ou traits d'union, et commencer par une lettre.
import-invalid_threshold = Le seuil doit être un niveau de l'échelle.
import-gap_threshold_not_below_strength = Le seuil des lacunes doit être inférieur à celui des points forts.
import-invalid_item_code = Un code ne peut contenir que des lettres, des chiffres, des points, des traits d'union et des tirets bas.
import-duplicate_code = Ce code est utilisé deux fois.
import-code_not_under_parent = Le code doit commencer par le code de la ligne dont il dépend, suivi d'un point.
import-key_element_before_section = Un élément clé doit suivre une section.
import-indicator_before_key_element = Un indicateur doit suivre un élément clé.
import-unknown_row_type = Le type doit être section, key_element ou indicator.
import-no_sections = La structure ne compte aucune section.
import-section_without_key_elements = Cette section n'a aucun élément clé.
import-key_element_without_indicators = Cet élément clé n'a aucun indicateur.
report-title = Rapport de diagnostic
report-summary = Synthèse
report-overall = Note globale
report-scores-by-section = Notes par section
report-section = Section
report-score = Note
report-rated = Notés
report-total = Indicateurs
report-strengths = Points forts
report-gaps = Lacunes
report-answers = Toutes les réponses
report-indicator = Indicateur
report-rating = Note
report-justification = Justification
report-evidence = Justificatifs
report-files = Fichiers
report-page = Page
report-none = Aucun.
report-generated-by = Produit avec gedhub
report-date = Date
report-previous = Évaluation précédente
report-change = Évolution (points)
report-change-title = Évolution depuis l'évaluation précédente (points de pourcentage)
report-regional = Moyenne régionale
report-global = Moyenne mondiale
report-group-note = { $count ->
    [one] une administration avec une évaluation validée.
   *[other] { $count } administrations avec une évaluation validée.
}
report-group-too-small = non affichée : moins de { $count ->
    [one] { $count } administration a
   *[other] { $count } administrations ont
} une évaluation validée sur cet instrument.
report-radar-title = Note par section (0–100)
report-this-assessment = Cette évaluation
report-download-pdf = Télécharger le PDF
report-download-xlsx = Télécharger le classeur Excel
report-other-language = PDF en anglais
report-sheet-summary = Notes
report-sheet-answers = Réponses
error-rating_out_of_scale = La note n'est pas un niveau de l'échelle de l'instrument.
error-unknown_indicator = L'instrument n'a aucun indicateur portant ce code.
error-unknown_instrument = Aucun instrument ne porte ce code.
error-assessment_not_editable = Cette évaluation n'accepte plus de réponses (elle a été soumise). Rouvrez-la d'abord.
error-edit_conflict = Quelqu'un d'autre a modifié cette réponse entre-temps : relisez-la, puis enregistrez votre modification.
error-transition_not_allowed = Cette action n'est pas possible dans l'état actuel de l'évaluation.
error-unknown_transition = Action inconnue : utilisez submit, validate, reopen ou archive.
error-unknown_status = Statut inconnu.
error-instrument_in_use = Cet instrument est déjà utilisé par une évaluation et il est figé : importez la nouvelle édition sous un nouveau code.
error-file_type_not_accepted = Ce type de fichier n'est pas accepté : utilisez un PDF, un document Office ou OpenDocument, ou une image.
error-facilitator_must_be_recognized = Un facilitateur ou une facilitatrice doit être Expert·e EGD reconnu·e (reconnaissance en cours de validité) ou un membre du Secrétariat.
error-rating_required = Indiquez une note (ou null pour l'effacer), ou "not_applicable": true.
workforce-title = Statistiques du personnel
workforce-intro = Statistiques ventilées par sexe calculées à partir d'un extrait RH : représentation par grade et niveau d'encadrement, recrutements, promotions et départs, et indicateurs d'écart de rémunération de la directive européenne sur la transparence des rémunérations (article 9). Le fichier est traité puis supprimé : seuls les chiffres sont conservés.
workforce-sheet-summary = Synthèse
workforce-sheet-quartiles = Quartiles
workforce-sheet-categories = Catégories
workforce-sheet-grades = Grades
workforce-sheet-levels = Niveaux d'encadrement
workforce-sheet-flows = Mouvements
workforce-indicator = Indicateur
workforce-mean-pct = Moyenne (%)
workforce-median-pct = Médiane (%)
workforce-pay-gap = Écart de rémunération (horaire)
workforce-variable-pay-gap = Écart de rémunération variable
workforce-receipt-female = Femmes percevant une part variable (%)
workforce-receipt-male = Hommes percevant une part variable (%)
workforce-reference-year = Année de référence
workforce-workers-total = Effectif
workforce-workers-female = Femmes
workforce-workers-male = Hommes
workforce-workers-other = Autre genre
workforce-workers-unknown = Sexe non renseigné
workforce-rejected-rows = Lignes écartées comme invalides
workforce-band = Quartile de rémunération
workforce-workers = Effectif
workforce-female-pct = Femmes (%)
workforce-male-pct = Hommes (%)
workforce-band-lower = Quartile inférieur
workforce-band-lower_middle = Quartile intermédiaire inférieur
workforce-band-upper_middle = Quartile intermédiaire supérieur
workforce-band-upper = Quartile supérieur
workforce-category = Catégorie de travailleurs
workforce-female = Femmes
workforce-male = Hommes
workforce-other = Autre genre
workforce-unknown = Non renseigné
workforce-basic-gap-mean = Écart de salaire de base, moyenne (%)
workforce-basic-gap-median = Écart de salaire de base, médiane (%)
workforce-variable-gap-mean = Écart de part variable, moyenne (%)
workforce-variable-gap-median = Écart de part variable, médiane (%)
workforce-total-gap-mean = Écart de rémunération totale, moyenne (%)
workforce-total-gap-median = Écart de rémunération totale, médiane (%)
workforce-joint-assessment = Évaluation conjointe requise (écart ≥ 5 %)
workforce-suppressed = Non affiché (petit groupe)
workforce-yes = Oui
workforce-no = Non
workforce-female-share = Part des femmes (%)
workforce-grade = Grade
workforce-level = Niveau d'encadrement
workforce-level-none = Sans fonction d'encadrement
workforce-level-middle = Encadrement intermédiaire
workforce-level-senior = Encadrement supérieur
workforce-level-top = Direction
workforce-flow = Mouvement
workforce-flow-hires = Recrutements
workforce-flow-promotions = Promotions
workforce-flow-exits = Départs
workforce-female-rate = Taux parmi les femmes (%)
workforce-male-rate = Taux parmi les hommes (%)
workforce-explain-mean-women-less = En moyenne, la rémunération horaire des femmes est inférieure de { $gap } à celle des hommes.
workforce-explain-mean-women-more = En moyenne, la rémunération horaire des femmes est supérieure de { $gap } à celle des hommes : l'écart est en faveur des femmes.
workforce-explain-mean-equal = En moyenne, femmes et hommes sont payés à peu près autant par heure.
workforce-explain-mean-none = L'écart moyen ne peut pas être calculé : l'extrait doit compter des femmes et des hommes.
workforce-explain-median-women-less = La femme au salaire médian gagne { $gap } de moins par heure que l'homme au salaire médian.
workforce-explain-median-women-more = La femme au salaire médian gagne { $gap } de plus par heure que l'homme au salaire médian : l'écart est en faveur des femmes.
workforce-explain-median-equal = La femme et l'homme au salaire médian gagnent à peu près autant par heure.
workforce-explain-median-none = L'écart médian ne peut pas être calculé : l'extrait doit compter des femmes et des hommes.
workforce-explain-receipt = { $female } des femmes et { $male } des hommes perçoivent une part variable.
workforce-explain-quartiles = Les femmes occupent { $upper } des places du quartile le mieux payé et { $lower } du quartile le moins payé.
workforce-explain-flagged = { $count ->
    [0] Aucune catégorie de travailleurs ne présente un écart de rémunération totale de 5 % ou plus.
    [one] Une catégorie de travailleurs présente un écart de rémunération totale de 5 % ou plus : une évaluation conjointe des rémunérations est requise, sauf si l'écart est justifié.
   *[other] { $count } catégories de travailleurs présentent un écart de rémunération totale de 5 % ou plus : une évaluation conjointe des rémunérations est requise, sauf si les écarts sont justifiés.
}
workforce-explain-suppressed = { $count ->
    [one] Une catégorie compte moins de { $min } femmes ou moins de { $min } hommes : ses chiffres de rémunération ne sont pas affichés, pour protéger les personnes concernées.
   *[other] { $count } catégories comptent moins de { $min } femmes ou moins de { $min } hommes : leurs chiffres de rémunération ne sont pas affichés, pour protéger les personnes concernées.
}
workforce-explain-pipeline = Les femmes représentent { $all } de l'effectif et { $top } de la direction.
workforce-quartile-chart = Part des femmes dans chaque quartile de rémunération
workforce-pipeline-grade-chart = Part des femmes par grade
workforce-pipeline-level-chart = Part des femmes par niveau d'encadrement
workforce-years = Années déclarées
workforce-no-years = Aucune donnée sur le personnel n'a encore été déclarée.
workforce-upload = Téléverser un extrait RH
workforce-upload-help = CSV (virgule ou point-virgule, UTF-8, ligne d'en-tête) ou première feuille d'un classeur Excel, une ligne par agent employé pendant l'année. Colonnes obligatoires : employee_id, sex, grade, category, annual_basic_pay, annual_variable_pay, weekly_hours. Facultatives : management_level, hire_date, exit_date, last_promotion_date, birth_year, training_days. Jusqu'à 256 Mo.
workforce-file = Extrait RH
workforce-year = Année de référence
workforce-min-group = Plus petit groupe affiché
workforce-skip-invalid = Calculer sur les lignes valides et écarter les lignes invalides
workforce-compute = Calculer
workforce-uploading = Envoi en cours…
workforce-computing = Calcul en cours…
workforce-rejected = Le fichier a été refusé et rien n'a été enregistré. Lignes en cause : { $rows } ; problèmes au total : { $problems }.
workforce-rejected-more = { $count ->
    [one] Seul le premier problème est listé.
   *[other] Seuls les { $count } premiers problèmes sont listés.
}
workforce-problem-line = Ligne
workforce-problem-column = Colonne
workforce-problem-reason = Problème
workforce-problem-value = Valeur
workforce-problem-first-line = vu d'abord à la ligne { $line }
workforce-problem-missing_value = une valeur obligatoire manque
workforce-problem-bad_number = ce n'est pas un nombre (point décimal, ou virgule décimale avec ';' comme séparateur ; pas de séparateur de milliers)
workforce-problem-unknown_sex = code de sexe inconnu (F, M, X ou U)
workforce-problem-duplicate_employee_id = cet employee_id apparaît deux fois
workforce-problem-negative_pay = une rémunération ne peut pas être négative
workforce-problem-zero_hours = les heures hebdomadaires doivent être supérieures à 0
workforce-problem-bad_date = ce n'est pas une date (AAAA-MM-JJ)
workforce-problem-unknown_management_level = niveau d'encadrement inconnu (none, middle, senior ou top)
workforce-problem-negative_value = ne peut pas être négatif
workforce-problem-bad_quoting = une valeur entre guillemets n'est pas correctement fermée
workforce-file-error = Le fichier n'a pas pu être lu : { $reason }
workforce-error-not-utf8 = ce n'est pas du texte UTF-8 (ligne { $line }). Enregistrez-le au format « CSV UTF-8 ».
workforce-error-empty = il est vide.
workforce-error-missing = des colonnes obligatoires manquent : { $columns }.
workforce-error-duplicate-column = la colonne { $column } apparaît deux fois.
workforce-error-no-rows = il n'a aucune ligne de données valide.
workforce-error-workbook = il ressemble à un classeur mais n'est pas un fichier .xlsx lisible.
workforce-stored = Les chiffres de { $year } ont été calculés et enregistrés ; le fichier lui-même n'a pas été conservé.
workforce-stored-details = { $rows ->
    [one] { $rows } ligne lue
   *[other] { $rows } lignes lues
}, { $rejected ->
    [one] { $rejected } écartée
   *[other] { $rejected } écartées
}. Empreinte (SHA-256) du fichier : { $checksum }
workforce-replaces = Téléverser pour une année qui a déjà des chiffres demande de confirmer leur remplacement (la modification figure dans le journal d'audit).
workforce-report-exists = Un rapport existe déjà pour { $year } : calculé le { $date } par { $by }. Rien n'a été modifié.
workforce-replace-help = Pour le remplacer, cochez la case ci-dessous et choisissez de nouveau le fichier (les fichiers ne sont jamais conservés).
workforce-replace = Remplacer le rapport existant pour { $year }
workforce-download-json = JSON
workforce-download-xlsx = Classeur Excel
workforce-download-pdf = Synthèse PDF
workforce-explanations = Ce que disent les chiffres
workforce-representation = Représentation
workforce-pay = Rémunération
workforce-flows = Recrutements, promotions et départs
workforce-flows-none = L'extrait ne contient pas de dates de recrutement, de départ ou de promotion.
workforce-for-administration = Administration
workforce-choose = Afficher
workforce-uploaded = Calculé le { $date } sur { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
}
workforce-report-title = Statistiques du personnel { $year }
workforce-flag = Évaluation conjointe
nav-workforce = Personnel
users-recognition = Expert·e EGD reconnu·e
users-recognized-until = Reconnu jusqu'au { $date }
users-recognition-lapsed = Reconnaissance expirée le { $date }
users-recognized-on = Reconnu le
users-record-recognition = Enregistrer la reconnaissance
users-withdraw-recognition = Retirer la reconnaissance
users-recognition-recorded = La reconnaissance a été enregistrée (valable trois ans).
users-recognition-withdrawn = La reconnaissance a été retirée.
error-recognition_needs_expert = Seul un compte d'expert peut être reconnu Expert·e EGD.
field-recognized_on = Date de reconnaissance
error-invalid_year = Indiquez une année entre 1950 et 2100.
error-invalid_min_group = Indiquez un nombre entier entre 10 et 1000 : les chiffres de groupes plus petits ne sont jamais enregistrés.
field-year = Année de référence
field-min_group = Plus petit groupe affiché
workforce-management-share = Femmes dans l'encadrement (%)
workforce-trend-help = L'année la plus récente d'abord : évolution de la part des femmes, de leur part dans l'encadrement et de l'écart moyen de rémunération.
workforce-upload-failed = L'envoi a été interrompu (connexion perdue ?). Rien n'a été enregistré ; cliquez de nouveau sur Calculer.

## Plans d'action (suivi et évaluation)
nav-plans = Plans d'action
nav-notifications = Notifications
nav-unread = { $count ->
    [one] { $count } non lue
   *[other] { $count } non lues
}
plans-title = Plans d'action
plans-intro = Un plan d'action traduit les lacunes du diagnostic en objectifs, en actions et en indicateurs mesurés assortis de cibles. Le statut de chaque indicateur compare sa progression vers la cible au temps écoulé.
plans-none = Aucun plan d'action pour l'instant.
plans-totals = { $plans ->
    [one] { $plans } plan
   *[other] { $plans } plans
} { $administrations ->
    [one] d'{ $administrations } administration
   *[other] de { $administrations } administrations
} ; { $overdue ->
    [one] { $overdue } action en retard
   *[other] { $overdue } actions en retard
} au total.
plans-on-track = En bonne voie
plans-on-track-help = « En bonne voie » est la part des indicateurs d'un plan qui sont en bonne voie ou atteints, sur l'ensemble de ses indicateurs (un indicateur sans données n'est pas en bonne voie).
plans-new = Nouveau plan d'action
plans-new-blank = Commencer un plan sans évaluation
plans-from-assessment = Partir d'une évaluation validée : ses lacunes sont proposées comme objectifs.
plans-based-on = Fondé sur le diagnostic
plans-diagnostic = rapport de diagnostic
plans-gaps = Lacunes du diagnostic
plans-gaps-help = Cochez les lacunes que ce plan traitera : chacune devient un objectif lié au code de son indicateur. Rien n'est coché d'avance ; dans chaque section, les notes les plus basses viennent en premier. Vous pourrez ajouter et lier d'autres objectifs ensuite.
plans-no-gaps = Cette évaluation n'a pas de lacune.
plans-rating = note
plans-create = Créer le plan
plans-back = ← Tous les plans d'action
plan-title = Titre du plan
plan-period = Période
plan-period-start = Début de la période
plan-period-end = Fin de la période
plan-owner = Responsable (personne ou unité)
plan-owner-help = Les rappels sont envoyés à votre compte ; indiquez ici qui porte le plan dans votre administration.
plan-as-of = Chiffres au
plan-status-draft = Brouillon
plan-status-adopted = Adopté
plan-status-closed = Clos
plan-make-adopted = Adopter le plan
plan-make-closed = Clore le plan
plan-download-pdf = Rapport d'avancement (PDF)
plan-download-xlsx = Rapport d'avancement (Excel)
plan-download-other-language = Rapport en anglais
plan-overview = Vue d'ensemble
plan-indicators-by-status = Indicateurs par statut
plan-actions-by-status = Actions par statut
plan-overdue = Actions en retard
plan-nothing-overdue = Aucune action n'est en retard.
plan-needs-data = Indicateurs à mesurer
plan-nothing-needs-data = Tous les indicateurs sont à jour.
plan-indicators = Indicateurs
plan-no-indicators = Aucun indicateur pour l'instant : ajoutez-en un ci-dessous.
plan-status-help = Progression = (dernière valeur − référence) ÷ (cible − référence) ; temps écoulé = durée entre la date de référence et la dernière mesure ÷ durée jusqu'à la date cible. En bonne voie : progression au plus 10 points derrière le temps écoulé ; à risque : au plus 25 points derrière ; hors trajectoire : au-delà. Après la date d'un jalon, la progression est mesurée vers ce jalon.
plan-objectives = Objectifs et actions
plan-no-objectives = Aucun objectif pour l'instant.
plan-objective = Objectif
plan-addresses = Répond aux indicateurs GEOAT :
plan-add-objective = Ajouter un objectif
plan-objective-codes = Codes des indicateurs GEOAT concernés
plan-objective-codes-help = Séparez les codes par des virgules ou des espaces, p. ex. P1.1.2, P3.2.1.
plan-no-actions = Aucune action pour l'instant.
plan-actions = Actions
plan-actions-done = Actions réalisées
plan-actions-overdue = Actions en retard
plan-actions-total = Actions au total
plan-report-title = Rapport d'avancement du plan d'action
plan-report-summary = Synthèse
plan-report-actions = { $count ->
    [one] Une action
   *[other] { $count } actions
} : { $done ->
    [one] { $done } réalisée
   *[other] { $done } réalisées
}, { $overdue } en retard.
plan-report-item = Élément
plan-report-value = Valeur
plan-sheet-summary = Synthèse
plan-sheet-indicators = Indicateurs
plan-sheet-actions = Actions
plan-sheet-measurements = Mesures
action-title = Action
action-responsible = Personne ou unité responsable
action-start = Début
action-due = Échéance
action-budget = Budget
action-budget-amount = Montant du budget (facultatif)
action-budget-currency = Devise (code ISO, p. ex. EUR)
action-notes = Notes d'avancement
action-save = Enregistrer
action-add = Ajouter une action
action-overdue = en retard
action-status-not_started = Non commencée
action-status-in_progress = En cours
action-status-done = Réalisée
action-status-cancelled = Annulée
action-status-delayed = Retardée
indicator-name = Indicateur
indicator-name-en = Nom en anglais
indicator-name-fr = Nom en français
indicator-whole-plan = Le plan entier
indicator-unit = Unité
indicator-unit-percent = Pourcentage
indicator-unit-count = Nombre
indicator-unit-ratio = Ratio
indicator-unit-currency = Montant en devise
indicator-unit-text_scale = Échelle qualitative (rang)
indicator-direction = Sens
indicator-direction-increase = Une hausse est souhaitée
indicator-direction-decrease = Une baisse est souhaitée
indicator-frequency = Mesure
indicator-frequency-monthly = Mensuelle
indicator-frequency-quarterly = Trimestrielle
indicator-frequency-semiannual = Semestrielle
indicator-frequency-annual = Annuelle
indicator-source = Source
indicator-source-manual = Valeurs saisies ou importées
indicator-source-assessment = Score GEOAT de chaque évaluation validée
indicator-source-assessment-overall = Score GEOAT global
indicator-source-assessment-section = Score GEOAT de la section { $section }
indicator-source-workforce = Statistique du personnel { $statistic }
indicator-source-workforce-choice = Statistique du personnel de chaque année déclarée
indicator-section = Section GEOAT (pour une source GEOAT)
indicator-section-help = Un code de section comme P1 ; laissez vide pour le score global.
indicator-statistic = Statistique du personnel (pour une source « personnel »)
indicator-baseline = Référence
indicator-baseline-value = Valeur de référence
indicator-baseline-date = Date de référence
indicator-target = Cible
indicator-target-value = Valeur cible
indicator-target-date = Date cible
indicator-milestone = Jalon
indicator-milestones = Jalons
indicator-milestones-help = Un par ligne : date et valeur, p. ex. 2025-12-31 30.
indicator-latest = Dernière valeur
indicator-progress = Progression
indicator-elapsed = Temps écoulé
indicator-projection = Projection
indicator-projection-value = { $value } au { $date } si la tendance observée se poursuit
indicator-today = Aujourd'hui
indicator-towards-milestone = vers le jalon { $value } au { $date }
indicator-chart-description = Statut : { $status }. Dernière valeur { $latest } ; cible { $target }.
indicator-measurements = Mesures
indicator-no-measurements = Aucune mesure pour l'instant.
indicator-date = Date
indicator-value = Valeur
indicator-comment = Commentaire
indicator-entered-by = Saisie par
indicator-entered-at = Saisie le
indicator-corrected = corrigée
indicator-record = Enregistrer une mesure
indicator-record-help = Une valeur pour une date qui en a déjà une la corrige ; la valeur précédente reste dans l'historique.
indicator-import = Importer des mesures
indicator-import-help = Un fichier CSV ou Excel avec les colonnes date (AAAA-MM-JJ), valeur et, facultativement, commentaire. Si une ligne pose problème, rien n'est importé et chaque problème est listé.
indicator-import-file = Fichier de mesures (.csv ou .xlsx)
indicator-add = Ajouter un indicateur
indicator-status-no_data = Pas de données
indicator-status-achieved = Atteint
indicator-status-on_track = En bonne voie
indicator-status-at_risk = À risque
indicator-status-off_track = Hors trajectoire
import-not-readable = Le fichier n'est ni un fichier CSV en UTF-8 ni un classeur Excel.
import-missing-columns = La première ligne doit nommer les colonnes date et valeur (et, facultativement, commentaire).
import-empty = Le fichier ne contient aucune ligne de mesure.
import-too-many-rows = Le fichier a trop de lignes (10 000 au plus).
import-problems = { $count ->
    [one] Une ligne pose problème ; rien n'a été importé.
   *[other] { $count } problèmes ont été trouvés ; rien n'a été importé.
}
notifications-title = Notifications
notifications-none = Vous n'avez aucune notification.
notifications-unread = Non lues :
notifications-mark-read = Tout marquer comme lu
notifications-open = Ouvrir
reminder-subject = { $count ->
    [one] gedhub : un rappel concernant vos plans d'action
   *[other] gedhub : { $count } rappels concernant vos plans d'action
}
reminder-greeting = Bonjour { $name },
reminder-action-overdue = En retard depuis le { $date } : { $name } ({ $link })
reminder-action-due = Échéance le { $date } : { $name } ({ $link })
reminder-measurement-due = Mesure attendue depuis le { $date } : { $name } ({ $link })
reminder-footer = Ce message est envoyé par le rappel quotidien de gedhub. Connectez-vous pour mettre le plan à jour.
error-plan_closed = Ce plan est clos : il est conservé tel quel et ne change plus.
error-plan_changed = Quelqu'un a modifié ce plan entre-temps : rechargez-le et réessayez.
error-assessment_not_validated = Choisissez une évaluation validée de la même administration.
error-unknown_objective = Ce plan n'a pas cet objectif.
error-period_end_not_after_start = La fin de la période doit être postérieure à son début.
error-due_date_before_start = L'échéance ne peut pas précéder la date de début.
error-invalid_amount = Indiquez le montant par un nombre positif.
error-invalid_currency = Indiquez la devise par un code ISO de trois lettres, p. ex. EUR.
error-not_manual = Cet indicateur tire ses valeurs de sa source ; elles ne peuvent pas être saisies.
error-unknown_source = La source doit être manual, assessment ou workforce.
error-unknown_statistic = Choisissez l'une des statistiques du personnel que calcule gedhub.
error-not_a_number = Ce n'est pas un nombre.
error-duplicate_date = Cette date figure deux fois dans le fichier.
error-measurement_in_future = Cette date n’est pas encore arrivée : une mesure enregistre ce qui a été observé (les valeurs prévues sont des jalons ou la cible).
error-unknown_unit = L'unité doit être %, percent, count, ratio, currency ou text_scale.
error-unknown_direction = Le sens doit être increase ou decrease.
error-direction_contradicts_target = La cible se trouve du mauvais côté de la référence par rapport au sens indiqué.
error-unknown_frequency = La fréquence doit être monthly, quarterly, semiannual ou annual.
error-not_finite = Indiquez un nombre fini.
error-target_date_not_after_baseline = La date cible doit être postérieure à la date de référence.
error-target_equals_baseline = La cible doit différer de la valeur de référence.
error-milestone_outside_period = Les jalons doivent se situer entre la date de référence et la date cible.
error-milestones_not_sorted = Les jalons doivent être classés par date, un par date.
error-milestone_equals_baseline = Un jalon doit différer de la valeur de référence.
error-milestone_contradicts_target = Un jalon doit se situer du côté de la cible par rapport à la référence.
field-baseline_value = Valeur de référence
field-baseline_date = Date de référence
field-target_value = Valeur cible
field-target_date = Date cible
field-unit = Unité
field-direction = Sens
field-frequency = Fréquence
field-milestones = Jalons
field-source = Source
field-statistic = Statistique
field-objective_id = Objectif
field-due_date = Échéance
field-start_date = Date de début
field-budget_amount = Montant du budget
field-budget_currency = Devise
field-period_start = Début de la période
field-period_end = Fin de la période
field-owner = Responsable
field-assessment_id = Évaluation
field-value = Valeur
field-date = Date
field-comment = Commentaire
field-progress_notes = Notes d'avancement
field-responsible = Responsable
field-objective_title = Objectif
field-indicator_codes = Codes des indicateurs GEOAT
field-gap = Lacune
report-addressed-by = Traité par
report-start-plan = Construire un plan d'action à partir des lacunes de ce diagnostic
plan-close-warning = Un plan clos est conservé tel quel : ses objectifs, actions, indicateurs et valeurs ne peuvent plus changer, et il ne peut pas être rouvert (commencez plutôt un nouveau plan).
plan-close-confirm = Oui, clore le plan
plan-edit = Modifier le titre, la période et le responsable

## Ateliers (renforcement des capacités)
nav-workshops = Ateliers
workshops-title = Ateliers
workshops-intro = Ateliers de formation de formateurs, nationaux et régionaux : qui y participe, qui était présent chaque jour et qui a achevé l'atelier selon ses règles.
workshops-none = Aucun atelier pour l'instant.
workshops-new = Nouvel atelier
workshops-create = Créer l'atelier
workshops-back = ← Tous les ateliers
workshop-title = Titre
workshop-kind = Type
workshop-kind-train_the_trainer = Formation de formateurs
workshop-kind-national = National
workshop-kind-regional = Régional
workshop-mode = Modalité
workshop-mode-in_person = En présentiel
workshop-mode-virtual = Virtuel
workshop-venue = Lieu (en présentiel)
workshop-meeting-link = Lien de réunion (virtuel)
workshop-language = Langue de l'atelier
support-language = Langue de l’appui
workshop-language-en = Anglais
workshop-language-fr = Français
workshop-language-es = Espagnol
workshop-language-pt = Portugais
workshop-language-ar = Arabe
workshop-dates = Dates
workshop-start = Premier jour
workshop-end = Dernier jour
workshop-capacity = Capacité
workshop-min-attendance = Présence minimale pour achever l'atelier (%)
workshop-min-post-test = Score minimal au post-test (% ; vide : pas de test exigé)
workshop-completion-rules = Règles d'achèvement
workshop-rules = Présence d'au moins { $attendance } %.
workshop-rules-with-test = Présence d'au moins { $attendance } % et score au post-test d'au moins { $post } %.
workshop-participants = Participants
workshop-no-participants = Aucun participant pour l'instant.
workshop-attendance = Présence
workshop-completion = Achèvement
workshop-completed = Achevé
workshop-add-participant = Ajouter un participant (courriel d'un compte existant)
workshop-add = Ajouter
workshop-attendance-sheet = Feuille de présence
workshop-attendance-help = Une feuille par jour : cochez les personnes présentes ; toutes les autres sont inscrites absentes ce jour-là.
workshop-present-on = Présents le
workshop-save-attendance = Enregistrer la présence du jour
completion-attendance_below_minimum = Présence inférieure au minimum
completion-post_test_not_taken = Post-test non passé
completion-post_test_below_minimum = Score au post-test inférieur au minimum
error-unknown_kind = Le type doit être train_the_trainer, national ou regional.
error-unknown_mode = La modalité doit être in_person ou virtual.
error-end_before_start = Le dernier jour ne peut pas précéder le premier.
error-workshop_too_long = Un atelier dure au plus un an.
error-invalid_capacity = Indiquez une capacité entre 1 et 1000.
error-not_a_percentage = Indiquez un pourcentage entre 0 et 100.
error-capacity_exceeded = L'atelier est complet : sa capacité est atteinte.
error-already_participant = Cette personne participe déjà à l'atelier.
error-not_a_participant = Cette personne ne participe pas à l'atelier.
error-day_outside_workshop = Ce jour ne fait pas partie des jours de l'atelier.
field-kind = Type
field-mode = Modalité
field-language = Langue
field-capacity = Capacité
field-end_date = Dernier jour
field-min_attendance_pct = Présence minimale
field-min_post_test_pct = Score minimal au post-test
participant-status-nominated = Proposé
participant-status-confirmed = Confirmé
participant-status-waitlisted = En liste d'attente
nomination-nominate = Proposer une personne de votre administration
nomination-email = Courriel du compte gedhub de la personne
nomination-motivation = Motivation
nomination-languages = Langues
nomination-experience = Expérience
nomination-submit = Envoyer la proposition
nomination-confirm = Confirmer
nomination-waitlist = Mettre en liste d'attente
error-unknown_decision = La décision doit être preselect, confirm ou waitlist.
field-motivation = Motivation
field-languages = Langues
field-experience = Expérience
field-decision = Décision
action-responsible-account = Compte qui reçoit les rappels (courriel, facultatif)
action-responsible-account-help = Une personne de votre administration ayant un compte gedhub ; sinon, les rappels vont au responsable du plan.
error-responsible_not_in_administration = La personne qui reçoit les rappels doit avoir un compte dans l'administration du plan.
field-responsible_email = Compte qui reçoit les rappels
completion-override = Modifier l'achèvement
completion-overridden = Décision du Secrétariat
completion-set-completed = Achevé
completion-set-not-completed = Non achevé
completion-set-computed = Selon les règles (retirer la décision)
error-unknown_completion = L'achèvement doit être completed, not_completed ou computed.
field-completion = Achèvement
choose-one = Choisir…
form-problems-heading = Le formulaire n’a pas pu être enregistré. Ce que vous avez saisi est conservé ci-dessous ; veuillez corriger :
error-invalid_meeting_link = Indiquez un lien commençant par https:// ou http://, sans espace.

## Tableau de bord : prochaines étapes (ticket 19)
next-steps-heading = Prochaines étapes
next-steps-none = Rien ne vous attend.
next-diagnostic-start = Commencez le diagnostic GEOAT de votre administration.
next-diagnostic-continue = Poursuivez le diagnostic « { $title } » et soumettez-le une fois chaque indicateur renseigné.
next-diagnostic-await = Le diagnostic « { $title } » est soumis : le Secrétariat va le valider.
next-diagnostic-build-plan = Élaborez un plan d’action à partir des lacunes de « { $title } ».
next-diagnostic-follow-plan = Suivez votre plan d’action : enregistrez l’avancement des actions et les mesures attendues.
next-actions-overdue = { $count ->
    [one] Une action de vos plans est en retard.
   *[other] { $count } actions de vos plans sont en retard.
}
next-actions-due-soon = { $count ->
    [one] Une action de vos plans arrive à échéance dans la semaine.
   *[other] { $count } actions de vos plans arrivent à échéance dans la semaine.
}
next-measurements-due = { $count ->
    [one] Un indicateur de vos plans attend une mesure.
   *[other] { $count } indicateurs de vos plans attendent une mesure.
}
next-nominations-open = { $count ->
    [one] Un atelier reçoit des propositions de participants.
   *[other] { $count } ateliers reçoivent des propositions de participants.
}
next-assessments-to-validate = { $count ->
    [one] Un diagnostic attend sa validation.
   *[other] { $count } diagnostics attendent leur validation.
}
next-nominations-to-decide = { $count ->
    [one] Une proposition de participant attend votre décision.
   *[other] { $count } propositions de participants attendent votre décision.
}
next-new-inquiries = { $count ->
    [one] Une nouvelle demande attend une réponse.
   *[other] { $count } nouvelles demandes attendent une réponse.
}
next-requests-to-answer = { $count ->
    [one] Une demande d’appui attend une réponse.
   *[other] { $count } demandes d’appui attendent une réponse.
}
next-missions-to-report = { $count ->
    [one] Une mission est terminée et attend son rapport.
   *[other] { $count } missions sont terminées et attendent leur rapport.
}
next-workshop = Votre atelier « { $title } », du { $start } au { $end }.
next-test-pre = Passez le pré-test de « { $title } ».
next-test-post = Passez le post-test de « { $title } ».

## Réinitialisation du mot de passe (ticket 19)
login-forgot-password = Mot de passe oublié ?
login-password-set = Votre mot de passe est enregistré. Connectez-vous avec lui.
reset-title = Réinitialiser votre mot de passe
reset-intro = Saisissez l’adresse électronique de votre compte gedhub. Nous vous enverrons un lien pour choisir un nouveau mot de passe.
reset-submit = M’envoyer un lien
reset-sent = Si un compte gedhub a cette adresse, un lien pour choisir un nouveau mot de passe lui est envoyé. Le lien fonctionne une fois, pendant une heure. Rien reçu ? Consultez vos courriers indésirables ou recommencez dans quelques minutes.
reset-back-to-login = Retour à la connexion
reset-choose-intro = Choisissez un nouveau mot de passe pour votre compte gedhub. Vous serez ensuite déconnecté·e partout et pourrez vous connecter avec lui.
reset-email-subject = Choisissez un nouveau mot de passe gedhub
reset-email-body = Bonjour { $name },

    Quelqu’un (sans doute vous) a demandé la réinitialisation du mot de passe de votre compte gedhub. Pour en choisir un nouveau, ouvrez ce lien dans les { $minutes } minutes :

    { $link }

    Le lien fonctionne une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.

# A label and its value in running text (PDF summaries).
label-value = { $label } : { $value }
