## Tests de connaissances (banque de questions, pré-tests et post-tests, gain de connaissances)
ktest-bank-title = Banque de questions
ktest-bank-intro = Les questions des tests de connaissances des ateliers, chacune en anglais et en français. Une question utilisée par un test ne peut plus être modifiée, pour que les notes déjà données restent justes.
ktest-bank-empty = La banque de questions est vide.
ktest-bank-link = Banque de questions
ktest-in-use = utilisée par un test
ktest-correct = correcte
ktest-edit = Modifier
ktest-question-kind = Type de question
ktest-question-kind-single_choice = Choix unique
ktest-question-kind-multiple_choice = Choix multiple
ktest-question-kind-true_false = Vrai ou faux
ktest-text-en = Question en anglais
ktest-text-fr = Question en français
ktest-option = Réponse
ktest-option-en = En anglais
ktest-option-fr = En français
ktest-new-question = Nouvelle question
ktest-new-question-help = Saisissez au moins deux réponses dans les deux langues et cochez les correctes : exactement une pour une question à choix unique ou vrai-faux (qui a deux réponses), au moins une pour une question à choix multiple.
ktest-add-question = Ajouter la question
ktest-section = Tests de connaissances
ktest-test = Test
ktest-kind-pre = Pré-test
ktest-kind-post = Post-test
ktest-state = État
ktest-state-draft = Pas encore ouvert
ktest-state-open = Ouvert
ktest-state-closed = Clos
ktest-questions = Questions
ktest-time-limit = Durée limite
ktest-time-limit-minutes = Durée limite en minutes (vide : sans limite)
ktest-minutes = { $minutes } min
ktest-untimed = Sans limite de temps
ktest-actions = Actions
ktest-take = Passer le test ou voir le résultat
ktest-preview = Aperçu
ktest-open = Ouvrir le test
ktest-close = Clore le test
ktest-not-attached = Aucun test associé.
ktest-attach = Associer ou remplacer un test
ktest-attach-help = Les questions sont posées dans l'ordre de la banque. Un test peut être remplacé tant qu'aucun participant ne l'a commencé.
ktest-attach-submit = Enregistrer le test
ktest-gain = Gain de connaissances
ktest-gain-points = Gain (points)
ktest-gain-summary = { $participants ->
    [one] { $participants } participant a passé
   *[other] { $participants } participants ont passé
} les deux tests : gain moyen de { $mean } points ; { $improved ->
    [0] aucun n'a progressé.
    [one] { $improved } a progressé.
   *[other] { $improved } ont progressé.
}
ktest-take-title = Test de connaissances
ktest-not-open = Ce test n'est pas encore ouvert.
ktest-missed = Ce test est clos ; vous ne l'avez pas soumis.
ktest-start-help = La durée limite, s'il y en a une, court dès que vous appuyez sur le bouton. Une question compte quand votre choix est exactement le bon. Vous ne pouvez soumettre qu'une fois.
ktest-start = Commencer le test
ktest-remaining = Temps restant : { $time }
ktest-several = Cochez toutes les réponses correctes.
ktest-submit = Soumettre mes réponses
ktest-unanswered = { $count ->
    [one] La question { $questions } est sans réponse. Vous ne pouvez soumettre qu’une fois : répondez-y, ou soumettez tel quel.
   *[other] Les questions { $questions } sont sans réponse. Vous ne pouvez soumettre qu’une fois : répondez-y, ou soumettez tel quel.
}
ktest-question-unanswered = Pas encore de réponse.
ktest-submit-anyway = Soumettre mes réponses telles quelles
ktest-your-score = Votre note
ktest-review-after-close = Les bonnes réponses s'afficheront ici une fois le test clos.
ktest-preview-help = Aperçu du test avec ses bonnes réponses (les participants ne les voient qu'une fois le test clos).
ktest-right = juste
ktest-wrong = faux
ktest-your-choice = votre choix

field-question_kind = Type de question
field-question_text_en = Question en anglais
field-question_text_fr = Question en français
field-answer_options = Réponses
field-test_answers = Réponses
field-test_questions = Questions du test
field-test_kind = Test
field-test_state = État du test
field-time_limit_minutes = Durée limite
field-test_taker = Participant

error-unknown_question_kind = Type de question inconnu.
error-too_few_answer_options = Une question a besoin d'au moins deux réponses.
error-too_many_answer_options = Une question a au plus dix réponses.
error-answer_option_text_required = Chaque réponse a besoin d'un texte en anglais et en français.
error-exactly_one_correct = Exactement une réponse doit être marquée correcte.
error-no_correct_option = Au moins une réponse doit être marquée correcte.
error-true_false_two_options = Une question vrai-faux a exactement deux réponses.
error-unknown_test_kind = Test inconnu : pré ou post.
error-unknown_test_state = État de test inconnu.
error-unknown_test_question = Cette question ne fait pas partie du test.
error-unknown_answer_option = Cette réponse n'existe pas.
error-one_answer_option_only = Choisissez une seule réponse pour cette question.
error-test_without_questions = Ce test n'a pas de questions.
error-no_questions_chosen = Choisissez au moins une question.
error-too_many_test_questions = Un test a au plus 100 questions.
error-duplicate_test_question = Une question figure deux fois dans le test.
error-invalid_time_limit = La durée limite est un nombre entier de minutes, de 1 à 1440.
error-question_in_use = Cette question est utilisée par un test et ne peut plus être modifiée.
error-test_has_attempts = Des participants ont commencé ce test : ses questions ne peuvent plus changer.
error-test_not_open = Ce test n'est pas ouvert.
error-invalid_test_transition = Un test s'ouvre une fois et, une fois clos, reste clos.
error-test_already_submitted = Vous avez déjà soumis ce test ; vos réponses sont conservées.
error-time_limit_exceeded = La durée limite de ce test est dépassée : les réponses n'ont pas été acceptées.
