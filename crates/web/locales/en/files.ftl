# Files that cannot be read as tables (gedhub_core::tabular): every importer
# shows these. Figures come formatted; sizes are in megabytes.
table-file_format_unsupported = { $format ->
    [xls] Excel 97-2003 (.xls) files are not read: save the file as an Excel workbook (.xlsx) or as CSV UTF-8.
   *[other] OpenDocument (.ods) files are not read: save the file as an Excel workbook (.xlsx) or as CSV UTF-8.
}
table-workbook_unreadable = The file is not an Excel .xlsx workbook, or it cannot be read.
table-workbook_too_many_parts = The workbook holds { $count ->
    [one] one internal file
   *[other] { $count } internal files
}; at most { $limit } are read.
table-workbook_part_too_large = The workbook's part { $entry } unpacks to { $size } MB; at most { $limit } MB are read.
table-workbook_too_large = The workbook unpacks to more than { $limit } MB; that is more than is read.
table-workbook_compression_ratio = The workbook's part { $entry } is compressed { $ratio } to 1; more than { $limit } to 1 is refused as a compression bomb.
table-workbook_too_many_sheets = The workbook has { $count ->
    [one] one sheet
   *[other] { $count } sheets
}; at most { $limit } are read.
table-workbook_no_sheet = The workbook has no sheet.
table-workbook_too_many_strings = The workbook declares { $count ->
    [one] one text
   *[other] { $count } texts
}; at most { $limit } fit in it.
table-sheet_dimension_too_large = Sheet { $sheet } declares the range { $range }: at most { $rows ->
    [one] one row
   *[other] { $rows } rows
} and { $columns } columns are read. Delete the unused rows and columns and save again.
table-sheet_row_beyond_limit = Sheet { $sheet }, cell { $cell }: at most { $limit } rows are read.
table-sheet_column_beyond_limit = Sheet { $sheet }, cell { $cell }: at most { $limit } columns are read.
table-sheet_too_many_cells = Sheet { $sheet }: the workbook has more than { $limit } cells, more than is read.
table-sheet_rows_out_of_order = Sheet { $sheet }: row { $row } comes after row { $after }; the file is damaged.
table-sheet_unreadable = Sheet { $sheet } cannot be read; the file is damaged.
table-csv_not_text = Line { $line } holds a NUL byte: this is not a text file. Save it as CSV UTF-8.
table-csv_not_utf8 = Line { $line } is not UTF-8 text. Save the file as CSV UTF-8.
table-csv_unclosed_quote = Line { $line }: a quoted field is never closed; the file may be cut short.
table-csv_bad_quoting = Line { $line }, field { $field }: a quote inside an unquoted field, or text after a closing quote.
table-csv_record_too_long = Line { $line } is longer than { $limit } bytes, more than is read.
table-table_too_many_rows = The file has more than { $limit } rows, more than is read.
table-table_too_many_columns = Line { $line } has more than { $limit } fields, more than is read.
error-form_too_many_parts = The form has too many parts; send only its own fields.
error-form_field_too_long = A field of the form is too long.
table-csv_too_many_fields = Line { $line }: the file has more than { $limit } fields in all, more than is read.
