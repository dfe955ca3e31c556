# The practice library, continued (issue 8): key elements, related practices, translations.
field-key_elements = GEOAT key elements
practices-key-elements-help = Optional: codes of the GEOAT key elements the practice is about, such as P1.A or X.3, separated by commas.
practices-related = Related practices:
practices-related-none = none published yet.
practices-related-more = More practices on { $area }
error-invalid_key_element = A key element is a GEOAT code such as P1.A or X.3.
error-unknown_key_element = This key element is not in the GEOAT instrument.
error-too_many_key_elements = A practice names at most 20 key elements.
practices-translate = Add or edit a translation
practices-translate-title = Translate a practice
practices-translate-help = The translation is shown to readers of that language and found by the search. The original stays as it is.
practices-translate-save = Save the translation
practices-translate-language = Language of the translation
