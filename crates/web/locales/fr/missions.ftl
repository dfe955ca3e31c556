# Appui aux Membres : demandes, missions, liste des experts, profils (ticket 7).
nav-support = Appui aux Membres
nav-missions = Missions
nav-expert-profile = Mon profil d'expert
support-title = Appui aux Membres
support-requests = Demandes d'appui
support-none = Aucune demande d'appui pour l'instant.
support-new = Demander un appui à l'OMD
support-kind = Type d'appui
support-kind-geoat_diagnostic = Animation d'un diagnostic GEOAT
support-kind-action_plan = Conception d'un plan d'action
support-kind-me_setup = Mise en place du suivi et de l'évaluation
support-kind-training_delivery = Animation d'une formation
support-kind-other = Autre
support-period = Période souhaitée
support-preferred-from = Souhaitée à partir du
support-preferred-to = Souhaitée jusqu'au
support-context = Contexte (vos besoins, les participants)
support-send = Envoyer la demande
support-sent = Votre demande a été envoyée au Secrétariat de l'OMD.
support-requested-on = Demandée le
support-request-title = Demande d'appui
support-status-submitted = Envoyée
support-status-accepted = Mission prévue
support-status-declined = Refusée
support-answer = Réponse du Secrétariat
support-decline = Refuser la demande
missions-title = Missions
missions-none = Aucune mission pour l'instant.
mission-title = Mission
mission-title-of = Mission auprès de { $administration }
mission-create = Créer la mission
mission-agenda = Programme
mission-status-planned = Prévue
mission-status-delivered = Réalisée
mission-status-cancelled = Annulée
mission-team = Experts
mission-no-team = Aucun expert affecté pour l'instant.
mission-role = Rôle
mission-role-lead = { $sex ->
    [female] Experte principale
    [male] Expert principal
   *[other] Expert·e principal·e
}
mission-role-co_facilitator = { $sex ->
    [female] Co-animatrice
    [male] Co-animateur
   *[other] Co-animateur·rice
}
mission-evaluation = Évaluation
mission-evaluation-positive = Positive : l'intervention supervisée a réussi
mission-evaluation-negative = Pas encore concluante
mission-suggestions = Experts suggérés
mission-suggestions-help = Classés d'abord par langue, puis région, domaines d'expertise EGD, disponibilité et charge actuelle. Les candidats invités ou en intervention supervisée peuvent co-animer.
mission-why = Pourquoi
mission-assign = Affecter
mission-assign-lead = Affecter comme expert principal
mission-assign-co = Affecter comme co-animateur·rice
mission-report = Rapport de l'expert principal
mission-no-report = Pas encore de rapport.
mission-outcome-from = Le rapport, les évaluations et l'avis du Membre pourront être enregistrés une fois la mission réalisée, à partir du { $date }.
mission-report-done = Ce qui a été fait
mission-recommendations = Recommandations
mission-save-report = Enregistrer le rapport (la mission est alors réalisée)
mission-evaluate = Évaluer
mission-verdict = Conclusion
mission-save-evaluation = Enregistrer l'évaluation
mission-feedback = L'avis du Membre
mission-no-feedback = Pas encore d'avis.
mission-rating = Note (de 1 à 5)
mission-send-feedback = Envoyer l'avis
suggestion-speaks = parle { $language }
suggestion-does-not-speak = ne parle pas { $language }
suggestion-same-region = même région de l'OMD
suggestion-other-region = autre région
suggestion-areas = { $common ->
    [one] { $common } domaine d'expertise sur { $of }
   *[other] { $common } domaines d'expertise sur { $of }
}
suggestion-available = disponible à ces dates
suggestion-unavailable = indisponible à certaines de ces dates
suggestion-at-maximum = maximum annuel atteint ({ $missions } sur { $maximum })
suggestion-load = { $missions ->
    [0] aucune mission cette année
    [one] une mission cette année
   *[other] { $missions } missions cette année
}
area-P1 = Principe 1
area-P2 = Principe 2
area-P3 = Principe 3
area-P4 = Principe 4
area-P5 = Principe 5
area-P6 = Principe 6
area-CC = Politiques transversales
area-SS = Sécurité et sûreté
roster-title = Experts EGD reconnus
roster-any = Tous
roster-region = Région de l'OMD
roster-areas = Domaines d'expertise EGD
roster-available-on = Disponible le
roster-export = Télécharger en Excel
roster-none = Aucun expert ne correspond à ces filtres.
roster-valid-until = Reconnu (jusqu'au)
roster-recognized-on = Reconnu le
roster-missions = Missions réalisées
roster-availability = Disponibilité aujourd'hui
roster-available = Disponible
roster-unavailable = Indisponible
roster-bio = Profil
profile-title = Mon profil d'expert
profile-intro = Les points focaux et le Secrétariat voient ce profil dans la liste des experts une fois que vous êtes Expert·e EGD reconnu·e, et le Secrétariat s'en sert pour vous proposer des missions.
profile-max-missions = Nombre maximal de missions par an
profile-save = Enregistrer le profil
profile-saved = Votre profil a été enregistré.
profile-unavailable = Mes périodes d'indisponibilité
profile-no-periods = Aucune période saisie : vous êtes considéré·e comme disponible.
profile-from = Du
profile-to = Au
profile-note = Remarque
profile-remove = Supprimer
profile-add-period = Ajouter la période
error-unknown_support_kind = type d'appui inconnu
error-unknown_area = domaine d'expertise EGD inconnu
error-unknown_request = Aucune demande d'appui ne porte ce numéro.
error-request_of_another_administration = Cette demande vient d'une autre administration.
error-request_already_answered = Cette demande a déjà reçu une réponse.
error-unknown_mission_role = rôle inconnu
error-not_a_co_facilitator = Cette personne n'est pas co-animatrice de la mission.
error-lead_must_be_recognized = L'expert·e principal·e doit être Expert·e EGD reconnu·e.
error-co_facilitator_must_be_invited = Un co-animateur doit être expert ou candidat invité par le Secrétariat.
error-mission_cancelled = Cette mission a été annulée.
error-mission_not_yet_held = Cette mission n'a pas encore eu lieu : son rapport, ses évaluations et l'avis du Membre pourront être enregistrés à partir de son dernier jour.
error-mission_not_delivered = L'avis peut être donné une fois la mission réalisée.
error-rating_out_of_range = Donnez une note de 1 à 5.
error-max_missions_out_of_range = Donnez un nombre de missions de 1 à 52.
error-invalid_rubric = L'évaluation enregistrée est illisible.
field-preferred_from = Souhaitée à partir du
field-preferred_to = Souhaitée jusqu'au
field-context = Contexte
field-request_id = Demande
field-areas = Domaines d'expertise
field-agenda = Programme
field-answer = Réponse
field-user = Expert
field-report = Rapport
field-bio = Profil
field-max_missions_per_year = Missions par an
field-from_date = Du
field-to_date = Au
field-note = Remarque
field-available_on = Disponible le
field-area = Domaine
field-scores = Notes
mission-documents = Documents
mission-no-documents = Aucun document pour l'instant.
mission-document-title = Titre (facultatif)
mission-document-file = Fichier (PDF, Word, Excel, PowerPoint, image)
mission-add-document = Ajouter le document
