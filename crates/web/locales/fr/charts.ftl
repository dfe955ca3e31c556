# Graphiques du rapport de diagnostic et leurs légendes (ticket 19).
report-provisional = Provisoire : ce diagnostic n’est pas encore validé ; ses notes peuvent encore changer.
report-radar-subject = { $administration } – cette évaluation
report-radar-region = { $region } – moyenne publiée { $year }
report-radar-global = Ensemble des Membres – moyenne publiée { $year }
report-radar-table = Les mêmes chiffres figurent dans le tableau qui suit le graphique.
