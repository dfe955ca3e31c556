# Le parcours vers Expert EGD reconnu (ticket 7).
nav-candidates = Parcours des experts
nav-pathway = Mon parcours d'expert
pathway-candidates-title = Candidats sur le parcours d'expert
pathway-title = Parcours d'expert
pathway-title-of = Parcours d'expert de { $name }
pathway-stage = Étape
pathway-all-stages = Toutes les étapes
pathway-filter = Filtrer
pathway-no-candidates = Aucun candidat à cette étape.
pathway-stage-nominated = { $sex ->
    [female] Proposée
    [male] Proposé
   *[other] Proposé·e
}
pathway-stage-preselected = { $sex ->
    [female] Présélectionnée
    [male] Présélectionné
   *[other] Présélectionné·e
}
pathway-stage-trained = { $sex ->
    [female] Formée
    [male] Formé
   *[other] Formé·e
}
pathway-stage-invited = { $sex ->
    [female] Invitée
    [male] Invité
   *[other] Invité·e
}
pathway-stage-supervised-delivery = Intervention supervisée
pathway-stage-recognized = { $sex ->
    [female] Experte EGD reconnue
    [male] Expert EGD reconnu
   *[other] Expert·e EGD reconnu·e
}
pathway-stage-champion = { $sex ->
    [female] Championne EGD
    [male] Champion EGD
   *[other] Champion·ne EGD
}
pathway-stage-declined = A décliné
pathway-stage-withdrawn = { $sex ->
    [female] Retirée
    [male] Retiré
   *[other] Retiré·e
}
pathway-stage-lapsed = Reconnaissance expirée
pathway-next = Étape suivante
pathway-next-stage = Étape suivante :
pathway-no-next = Le parcours n'a pas d'autre étape à partir d'ici.
pathway-nothing-missing = Rien ne manque : le Secrétariat peut enregistrer cette étape.
pathway-facts = Ce que le parcours lit dans le dossier de formation
pathway-fact-train-the-trainer = Atelier de formation de formateurs terminé
pathway-fact-elearning = Modules d'apprentissage en ligne EGD terminés
pathway-fact-post-test = Meilleur score au post-test
pathway-fact-recognition = Reconnaissance valable jusqu'au
pathway-threshold = requis :
pathway-yes = Oui
pathway-no = Non
pathway-move = Enregistrer une étape
pathway-to = Vers
pathway-from = De
pathway-when = Quand
pathway-by = Par
pathway-override = Passer outre les prérequis manquants (le motif est obligatoire et enregistré)
pathway-record-move = Enregistrer l'étape
pathway-history = Historique
pathway-no-history = Aucune étape enregistrée : chaque candidat commence comme proposé.
pathway-overridden = Prérequis levés :
pathway-moved = Étape enregistrée : { $stage }.
pathway-notice-invited-subject = Vous êtes invité·e à apporter un appui EGD
pathway-notice-invited-body = Le Secrétariat de l'OMD vous invite à apporter un appui au renforcement des capacités des Membres comme co-animateur ou co-animatrice : la prochaine étape pour devenir Expert·e EGD reconnu·e.
pathway-notice-recognized-subject = Vous êtes Expert·e EGD reconnu·e
pathway-notice-recognized-body = Félicitations : le Secrétariat de l'OMD vous a reconnu·e comme Expert·e EGD après votre intervention supervisée. Votre reconnaissance est valable trois ans.
pathway-notice-champion-subject = Vous êtes désigné·e Champion·ne EGD de l'OMD
pathway-notice-champion-body = Le Secrétariat de l'OMD vous a désigné·e Champion·ne EGD de l'OMD.
pathway-settings-title = Paramètres du parcours
pathway-settings-threshold = Score au post-test requis pour « formé » (%)
pathway-settings-weights-help = Tout nombre de 0 à 100 ; chaque mesure compte en proportion de son poids.
pathway-settings-labels = Libellés des étapes
pathway-settings-labels-help = Laissez un libellé vide pour utiliser le nom standard.
pathway-label-en = Libellé en anglais
pathway-label-fr = Libellé en français
pathway-settings-save = Enregistrer les paramètres
pathway-settings-saved = Les paramètres du parcours ont été enregistrés.
selection-link = Sélectionner des candidats
selection-title = Sélection des candidats
selection-title-of = Sélection des candidats : { $workshop }
selection-method = Comment les candidats sont classés
selection-method-text = Chaque mesure est ramenée sur une échelle de 0 à 100 (gain de connaissances = post-test moins pré-test, une perte comptant 0 ; moyenne de la grille des animateurs de 1 à 5 convertie en (moyenne − 1) ÷ 4 × 100) ; le score composite est leur moyenne pondérée. Une mesure absente compte 0.
selection-weights = Pondérations
selection-invite-rule = Seuls les candidats à l'étape « formé » peuvent être invités ; « formé » exige un atelier de formation de formateurs terminé, les deux modules d'apprentissage en ligne EGD et un score au post-test d'au moins
selection-ranking = Classement
selection-no-candidates = Cet atelier n'a pas encore de participant confirmé.
selection-rank = Rang
selection-invite = Inviter
selection-languages = Langues
selection-composite = Score composite
selection-post-test = Post-test
selection-gain = Gain de connaissances
selection-attendance = Présence
selection-exercises = Exercices
selection-rubric = Grille des animateurs
selection-invite-selected = Inviter les candidats sélectionnés
selection-invited = { $count ->
    [one] Un candidat a été invité et prévenu.
   *[other] { $count } candidats ont été invités et prévenus.
}
selection-not-invitable = { $name } n'est pas à l'étape « formé » et ne peut pas être invité·e.
selection-none-chosen = Sélectionnez au moins un candidat à inviter.
error-no_nomination = proposé·e à aucun atelier
error-train_the_trainer_not_completed = aucun atelier de formation de formateurs terminé
error-elearning_incomplete = tous les modules d'apprentissage en ligne EGD ne sont pas terminés
error-post_test_below_threshold = score au post-test inférieur au seuil requis
error-no_mission_assignment = pas affecté·e à une mission comme co-animateur·rice
error-no_positive_evaluation = aucune évaluation positive d'une mission supervisée
error-no_renewal_activity = ni mission ni atelier de remise à niveau depuis l'expiration de la reconnaissance
error-recognition_expired = la reconnaissance n'est plus valable
error-recognition_still_valid = la reconnaissance est encore valable
error-stage_not_reachable = Cette étape ne découle pas de l'étape actuelle du candidat.
error-override_reason_required = Passer outre exige un motif écrit.
error-unknown_stage = étape inconnue
error-stage_changed = L'étape du candidat a changé entre-temps ; rechargez la page.
error-not_a_candidate = pas candidat·e sur le parcours d'expert
error-invalid_label = un libellé compte au plus 80 caractères, pour une étape connue, en anglais ou en français
error-weight_out_of_range = chaque pondération doit être un nombre de 0 à 100
error-weights_all_zero = au moins une pondération doit être supérieure à 0
field-to = Étape
field-label = Libellé
field-weights = Pondérations
field-trained_post_test_pct = Seuil du post-test
field-weight_post_test = Pondération du post-test
field-weight_knowledge_gain = Pondération du gain de connaissances
field-weight_attendance = Pondération de la présence
field-weight_exercises = Pondération des exercices
field-weight_rubric = Pondération de la grille
error-withdrawal_reason_required = Retirer une personne du parcours met fin à sa reconnaissance : indiquez le motif.
