# La bibliothèque partagée de pratiques (issue 8).
nav-practices = Pratiques
practices-title = Bibliothèque de pratiques
practices-intro = Comment les administrations ont mis en œuvre l’égalité des genres et la diversité : cherchez les pratiques qu’elles ont partagées, ou partagez la vôtre.
practices-new = Partager une pratique
practices-words = Mots
practices-any = Tous
practices-search = Rechercher
practices-results = Pratiques publiées
practices-none = Aucune pratique publiée ne correspond.
practices-in-progress = Pratiques en cours
practices-keep-draft = Garder en brouillon (ne pas encore envoyer pour examen)
practices-send = Enregistrer
practices-save = Enregistrer le brouillon
practices-edit = Modifier le brouillon
practices-submit = Envoyer pour examen
practices-review = Examen
practices-publish = Publier
practices-archive = Archiver
practices-request-changes = Demander des modifications
practices-changes-requested = Modifications demandées :
practices-languages = Langues
practices-only-in = Disponible uniquement { $code ->
    [en] en anglais
    [fr] en français
    [es] en espagnol
    [pt] en portugais
    [ar] en arabe
   *[other] en { $language }
}
practices-status-draft = Brouillon
practices-status-submitted = Envoyée pour examen
practices-status-published = Publiée
practices-status-archived = Archivée
field-summary = Résumé
field-what_was_done = Ce qui a été fait
field-results = Résultats et preuves
field-contact = Personne de contact
field-q = Mots
field-action = Action
error-not_editable = Seul un brouillon peut être modifié.
error-same_as_original = Une traduction doit être dans une autre langue que l’original.
error-not_your_administration = Les points focaux ne partagent que des pratiques de leur propre administration.
error-cannot_change = Ceci ne peut pas être modifié.
