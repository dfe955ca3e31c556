## Knowledge tests (question bank, pre- and post-tests, knowledge gain)
ktest-bank-title = Question bank
ktest-bank-intro = Questions for the knowledge tests of workshops, each in English and French. A question used by a test can no longer be edited, so that the scores already given stay true.
ktest-bank-empty = The question bank is empty.
ktest-bank-link = Question bank
ktest-in-use = used by a test
ktest-correct = correct
ktest-edit = Edit
ktest-question-kind = Kind of question
ktest-question-kind-single_choice = Single choice
ktest-question-kind-multiple_choice = Multiple choice
ktest-question-kind-true_false = True or false
ktest-text-en = Question in English
ktest-text-fr = Question in French
ktest-option = Option
ktest-option-en = In English
ktest-option-fr = In French
ktest-new-question = New question
ktest-new-question-help = Fill in at least two options in both languages and tick the correct ones: exactly one for a single-choice or true-or-false question (which has two options), at least one for a multiple-choice question.
ktest-add-question = Add the question
ktest-section = Knowledge tests
ktest-test = Test
ktest-kind-pre = Pre-test
ktest-kind-post = Post-test
ktest-state = State
ktest-state-draft = Not open yet
ktest-state-open = Open
ktest-state-closed = Closed
ktest-questions = Questions
ktest-time-limit = Time limit
ktest-time-limit-minutes = Time limit in minutes (empty: untimed)
ktest-minutes = { $minutes } min
ktest-untimed = Untimed
ktest-actions = Actions
ktest-take = Take the test or see the result
ktest-preview = Preview
ktest-open = Open the test
ktest-close = Close the test
ktest-not-attached = No test attached.
ktest-attach = Attach or replace a test
ktest-attach-help = The questions are asked in the order of the bank. A test can be replaced until a participant starts it.
ktest-attach-submit = Save the test
ktest-gain = Knowledge gain
ktest-gain-points = Gain (points)
ktest-gain-summary = { $participants ->
    [one] One participant took both tests
   *[other] { $participants } participants took both tests
}: mean gain { $mean } points; { $improved ->
    [0] none of them improved.
    [one] one of them improved.
   *[other] { $improved } of them improved.
}
ktest-take-title = Knowledge test
ktest-not-open = This test is not open yet.
ktest-missed = This test is closed; you did not submit it.
ktest-start-help = The time limit, if any, starts when you press the button. Each question counts when your choice is exactly the correct one. You can submit once.
ktest-start = Start the test
ktest-remaining = Time left: { $time }
ktest-several = Tick every correct option.
ktest-submit = Submit my answers
ktest-unanswered = { $count ->
    [one] Question { $questions } has no answer. You can submit only once: answer it, or submit as it is.
   *[other] Questions { $questions } have no answer. You can submit only once: answer them, or submit as they are.
}
ktest-question-unanswered = Not answered yet.
ktest-submit-anyway = Submit my answers as they are
ktest-your-score = Your score
ktest-review-after-close = The correct answers will be shown here once the test is closed.
ktest-preview-help = Preview of the test with its correct answers (participants see them only once the test is closed).
ktest-right = right
ktest-wrong = wrong
ktest-your-choice = your choice

field-question_kind = Kind of question
field-question_text_en = Question in English
field-question_text_fr = Question in French
field-answer_options = Options
field-test_answers = Answers
field-test_questions = Questions of the test
field-test_kind = Test
field-test_state = State of the test
field-time_limit_minutes = Time limit
field-test_taker = Participant

error-unknown_question_kind = Unknown kind of question.
error-too_few_answer_options = A question needs at least two options.
error-too_many_answer_options = A question has at most ten options.
error-answer_option_text_required = Every option needs a text in English and in French.
error-exactly_one_correct = Exactly one option must be marked correct.
error-no_correct_option = At least one option must be marked correct.
error-true_false_two_options = A true-or-false question has exactly two options.
error-unknown_test_kind = Unknown test: pre or post.
error-unknown_test_state = Unknown state of a test.
error-unknown_test_question = This question is not part of the test.
error-unknown_answer_option = This option does not exist.
error-one_answer_option_only = Choose only one option for this question.
error-test_without_questions = This test has no questions.
error-no_questions_chosen = Choose at least one question.
error-too_many_test_questions = A test has at most 100 questions.
error-duplicate_test_question = A question appears twice in the test.
error-invalid_time_limit = The time limit is a whole number of minutes, from 1 to 1440.
error-question_in_use = This question is used by a test and can no longer be edited.
error-test_has_attempts = Participants have started this test: its questions can no longer change.
error-test_not_open = This test is not open.
error-invalid_test_transition = A test opens once and, once closed, stays closed.
error-test_already_submitted = You have already submitted this test; your answers are kept.
error-time_limit_exceeded = The time limit of this test has passed: the answers were not accepted.
