# La bibliothèque de pratiques, suite (issue 8) : éléments clés, pratiques liées, traductions.
field-key_elements = Éléments clés du GEOAT
practices-key-elements-help = Facultatif : les codes des éléments clés du GEOAT concernés par la pratique, par exemple P1.A ou X.3, séparés par des virgules.
practices-related = Pratiques liées :
practices-related-none = aucune publiée pour l'instant.
practices-related-more = Plus de pratiques sur { $area }
error-invalid_key_element = Un élément clé est un code du GEOAT comme P1.A ou X.3.
error-unknown_key_element = Cet élément clé n'existe pas dans l'instrument GEOAT.
error-too_many_key_elements = Une pratique cite au plus 20 éléments clés.
practices-translate = Ajouter ou modifier une traduction
practices-translate-title = Traduire une pratique
practices-translate-help = La traduction est montrée aux lecteurs de cette langue et trouvée par la recherche. L'original reste inchangé.
practices-translate-save = Enregistrer la traduction
practices-translate-language = Langue de la traduction
