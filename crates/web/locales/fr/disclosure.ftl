# Contrôle de la divulgation (ticket 17) : ce qui est montré sur l'ensemble
# des Membres et pourquoi un chiffre peut être retenu. Voir docs/DISCLOSURE.md.
disclosure-period = Année
disclosure-published-period = Chiffres publiés pour { $year } : calculés une fois, après la clôture de l'année, et jamais modifiés.
disclosure-nothing-published = Aucune année n'est encore publiée : les chiffres d'une année sont publiés le 1er juillet de l'année suivante.
disclosure-help = Un chiffre n'est affiché que si au moins 5 administrations, en plus de n'importe laquelle d'entre elles, y contribuent, afin qu'aucune administration ne puisse déduire les données d'une autre, même en retranchant les siennes. Un autre chiffre peut être retenu pour qu'un chiffre retenu ne puisse pas être déduit des autres. Les chiffres sont publiés par année close et ne changent plus ensuite.
disclosure-withheld-fewer = Non affiché (moins de 5 administrations en plus de chacune)
disclosure-withheld-complementary = Non affiché (il révélerait un autre chiffre retenu)
disclosure-not-published = Non publié
error-selection_not_published = Seuls les chiffres publiés sont disponibles ici : l'ensemble des Membres et chaque région, pour une année close. Les filtres par région ou par langue ne le sont pas.
error-period_not_published = Cette année n'est pas publiée : les chiffres d'une année sont publiés le 1er juillet de l'année suivante.
report-benchmark-published = Moyennes régionale et mondiale : chiffres publiés pour { $year } (la dernière évaluation de chaque administration validée à la fin de cette année) ; n est le nombre d'administrations derrière chaque chiffre.
report-benchmark-none = Moyennes régionale et mondiale : pas encore publiées (les moyennes d'une année sont publiées le 1er janvier de l'année suivante).
report-benchmark-withheld = non affiché
workforce-withheld-administration_below_min_group = Non affiché (moins de { $min } femmes ou hommes dans l'administration)
workforce-withheld-fewer_than_min_group = Non affiché (petit groupe)
workforce-withheld-fewer_than_min_group_receiving = Non affiché (moins de { $min } femmes ou hommes reçoivent une rémunération variable)
workforce-withheld-complementary = Non affiché (il révélerait un autre chiffre retenu)
workforce-explain-withheld = Certains chiffres de rémunération ne sont pas affichés : chacun exige au moins { $min } femmes et { $min } hommes (pour la rémunération variable, des bénéficiaires), et un chiffre est aussi retenu lorsque les autres permettraient de déduire un chiffre retenu.
workforce-min-group-used = Plus petit groupe affiché
workforce-below-floor = { $min } : inférieur à { $floor }, pour votre seul usage ; ne partagez ni ne téléversez ces chiffres.
