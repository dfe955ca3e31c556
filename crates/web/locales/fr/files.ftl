# Fichiers illisibles comme tableaux (gedhub_core::tabular) : tous les imports
# affichent ces messages. Les nombres arrivent formatés ; tailles en mégaoctets.
table-file_format_unsupported = { $format ->
    [xls] Les fichiers Excel 97-2003 (.xls) ne sont pas lus : enregistrez le fichier en classeur Excel (.xlsx) ou en CSV UTF-8.
   *[other] Les fichiers OpenDocument (.ods) ne sont pas lus : enregistrez le fichier en classeur Excel (.xlsx) ou en CSV UTF-8.
}
table-workbook_unreadable = Le fichier n'est pas un classeur Excel .xlsx, ou il est illisible.
table-workbook_too_many_parts = Le classeur contient { $count ->
    [one] { $count } fichier interne
   *[other] { $count } fichiers internes
} ; { $limit } au plus sont lus.
table-workbook_part_too_large = La partie { $entry } du classeur occupe { $size } Mo une fois décompressée ; { $limit } Mo au plus sont lus.
table-workbook_too_large = Le classeur occupe plus de { $limit } Mo une fois décompressé, plus que ce qui est lu.
table-workbook_compression_ratio = La partie { $entry } du classeur est compressée { $ratio } fois ; au-delà de { $limit } fois, elle est refusée comme bombe de décompression.
table-workbook_too_many_sheets = Le classeur a { $count ->
    [one] { $count } feuille
   *[other] { $count } feuilles
} ; { $limit } au plus sont lues.
table-workbook_no_sheet = Le classeur n'a aucune feuille.
table-workbook_too_many_strings = Le classeur annonce { $count ->
    [one] { $count } texte
   *[other] { $count } textes
} ; il ne peut en contenir plus de { $limit }.
table-sheet_dimension_too_large = La feuille { $sheet } annonce la plage { $range } : { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
} et { $columns } colonnes au plus sont lues. Supprimez les lignes et colonnes inutilisées, puis enregistrez de nouveau.
table-sheet_row_beyond_limit = Feuille { $sheet }, cellule { $cell } : { $limit } lignes au plus sont lues.
table-sheet_column_beyond_limit = Feuille { $sheet }, cellule { $cell } : { $limit } colonnes au plus sont lues.
table-sheet_too_many_cells = Feuille { $sheet } : le classeur a plus de { $limit } cellules, plus que ce qui est lu.
table-sheet_rows_out_of_order = Feuille { $sheet } : la ligne { $row } vient après la ligne { $after } ; le fichier est endommagé.
table-sheet_unreadable = La feuille { $sheet } est illisible ; le fichier est endommagé.
table-csv_not_text = La ligne { $line } contient un octet NUL : ce n'est pas un fichier texte. Enregistrez-le en CSV UTF-8.
table-csv_not_utf8 = La ligne { $line } n'est pas du texte UTF-8. Enregistrez le fichier en CSV UTF-8.
table-csv_unclosed_quote = Ligne { $line } : un champ entre guillemets n'est jamais fermé ; le fichier est peut-être tronqué.
table-csv_bad_quoting = Ligne { $line }, champ { $field } : un guillemet dans un champ sans guillemets, ou du texte après un guillemet fermant.
table-csv_record_too_long = La ligne { $line } dépasse { $limit } octets, plus que ce qui est lu.
table-table_too_many_rows = Le fichier a plus de { $limit } lignes, plus que ce qui est lu.
table-table_too_many_columns = La ligne { $line } a plus de { $limit } champs, plus que ce qui est lu.
error-form_too_many_parts = Le formulaire a trop de parties ; n'envoyez que ses propres champs.
error-form_field_too_long = Un champ du formulaire est trop long.
table-csv_too_many_fields = Ligne { $line } : le fichier a plus de { $limit } champs en tout, plus que ce qui est lu.
