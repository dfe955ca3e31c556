# Disclosure control (issue 17): what is shown across Members and why a
# figure may be withheld. See docs/DISCLOSURE.md.
disclosure-period = Year
disclosure-published-period = Published figures for { $year }: computed once, after the year closed, and never changed.
disclosure-nothing-published = No year is published yet: the figures of a year are published on 1 July of the next year.
disclosure-help = A figure is shown only when at least 5 administrations besides any one of them stand behind it, so that no administration can work out another's data, even by subtracting its own. Another figure may be withheld so that a withheld one cannot be worked out from the rest. Figures are published per closed year and never change afterwards.
disclosure-withheld-fewer = Not shown (fewer than 5 administrations besides any one of them)
disclosure-withheld-complementary = Not shown (it would reveal another withheld figure)
disclosure-not-published = Not published
error-selection_not_published = Only published figures are available here: all Members and each region, for a closed year. Filters by region or language are not.
error-period_not_published = This year is not published: the figures of a year are published on 1 July of the next year.
report-benchmark-published = Regional and global averages: published figures for { $year } (each administration's latest assessment validated by the end of that year); n is the number of administrations behind each figure.
report-benchmark-none = Regional and global averages: not published yet (the averages of a year are published on 1 January of the next year).
report-benchmark-withheld = not shown
workforce-withheld-administration_below_min_group = Not shown (fewer than { $min } women or men in the administration)
workforce-withheld-fewer_than_min_group = Not shown (small group)
workforce-withheld-fewer_than_min_group_receiving = Not shown (fewer than { $min } women or men receive variable pay)
workforce-withheld-complementary = Not shown (it would reveal another withheld figure)
workforce-explain-withheld = Some pay figures are not shown: each needs at least { $min } women and { $min } men (for variable pay, receivers), and a figure is also withheld when the others would let someone work out a withheld one.
workforce-min-group-used = Smallest group shown
workforce-below-floor = { $min }: below { $floor }, for your own use only; do not share or upload these figures.
