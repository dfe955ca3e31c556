# gedhub — textes de l'interface en français.
language-name = Français
language-switcher = Langue de l'interface
brand-tagline = Égalité des genres et diversité dans les douanes
skip-to-content = Aller au contenu principal
nav-label = Menu principal
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
login-rate-limited = Trop de tentatives échouées. Attendez 15 minutes, puis réessayez.

dashboard-title = Tableau de bord
dashboard-greeting = Bienvenue, { $name }.
dashboard-intro-secretariat = Vous voyez l'ensemble du programme : chaque administration membre, chaque compte et chaque modification.
dashboard-intro-focal_point = Vous gérez le travail de votre administration en matière d'égalité des genres et de diversité.
dashboard-intro-expert = Vous voyez les travaux qui vous sont confiés en tant que formateur ou expert.
dashboard-intro-participant = Vous voyez votre propre parcours de formation.
dashboard-registry = Administrations membres
dashboard-registry-caption = { $count } administrations par région de l'OMD
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
administration-assign-help = Le compte doit exister ; créez-le d'abord sous Utilisateurs si nécessaire.
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
confirm-remove-question = Retirer { $email } comme point focal de { $administration } ? Cette personne ne verra plus les données de l'administration.
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
audit-intro = Chaque modification faite dans gedhub : qui, quand, quoi, et l'état avant et après.
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
error-with-field = { $field } : { $message }
error-not_found = Cette page ou cette ressource n'existe pas, ou vous n'y avez pas accès.
error-unauthenticated = Connectez-vous d'abord.
error-forbidden = Votre rôle ne permet pas cette action.
error-cross_origin_request = Cette requête venait d'un autre site et a été refusée.
error-payload_too_large = La requête est trop volumineuse.
error-too_many_requests = Trop de tentatives. Attendez quelques minutes, puis réessayez.
error-internal_error = Une erreur inattendue s'est produite. Elle a été consignée ; veuillez réessayer plus tard.
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
error-unknown_role = Choisissez l'un des rôles : secretariat, focal_point, expert, participant.
error-unknown_language = Cette langue n'est pas disponible.
error-unknown_administration = Aucune administration n'a ce code.
error-unknown_account = Aucun compte n'a cette adresse électronique.
error-administration_required = Un point focal doit appartenir à une administration.
error-secretariat_cannot_be_focal_point = Un compte du Secrétariat ne peut pas être point focal.
error-password_too_short = Le mot de passe doit compter au moins 10 caractères.
error-password_too_long = Le mot de passe doit compter au plus 256 caractères.
error-wrong_password = Le mot de passe actuel est incorrect.
error-passwords_differ = Les deux nouveaux mots de passe ne sont pas identiques.
error-email_taken = Un compte existe déjà avec cette adresse électronique.
error-code_taken = Une administration existe déjà avec ce code.
