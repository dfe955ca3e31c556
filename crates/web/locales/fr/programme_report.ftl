# La carte, les barres régionales et le rapport annuel du programme (ticket 8).
programme-map-title = Carte du monde : { $measure }
programme-map-description = { $count ->
    [one] Un Membre coloré selon la mesure choisie ; le tableau ci-dessous donne chaque valeur.
   *[other] { $count } Membres colorés selon la mesure choisie ; le tableau ci-dessous donne chaque valeur.
}
programme-map-no-data = Pas de données
programme-bars-description = Une barre par région de l'OMD ; le tableau ci-dessous donne les mêmes chiffres.
programme-bars-geoat = Membres dont le GEOAT est validé, par région
programme-bars-plans = Membres dotés d'un plan d'action, par région
programme-bars-women_staff = Femmes parmi le personnel (pondéré par les effectifs), par région
programme-bars-trained = Personnes formées, par région
programme-geoat-validated-short = Validé
programme-report-heading = Rapport annuel du programme
programme-report-help = Les chiffres, la carte et les listes de cette page pour l'année et la région choisies, en PDF ou en classeur Excel, en anglais ou en français.
programme-report-pdf-en = PDF en anglais
programme-report-pdf-fr = PDF en français
programme-report-xlsx-en = Classeur Excel en anglais
programme-report-xlsx-fr = Classeur Excel en français
programme-report-title = Programme de l'OMD pour l'égalité de genre et la diversité
programme-report-kind = Rapport annuel du programme
programme-report-figures = Chiffres
programme-report-regions = Régions
programme-report-members = Membres
programme-report-weighted = Valeur (pondérée)
programme-report-unweighted = Moyenne des administrations
programme-report-contributing = Administrations
programme-report-note = Remarque
programme-report-note-suppressed = Moins de 5 administrations : non affiché
programme-report-code = Code
programme-report-trained-women = Femmes formées
programme-report-trained-men = Hommes formés
programme-report-trained-other = Autres personnes formées (autre, non déclaré, inconnu)
programme-report-experts = Experts reconnus
programme-report-candidates = Candidats
programme-report-page = Page
programme-report-none = Aucun
programme-report-generated-by = Produit par gedhub
programme-report-generated-on = Produit le { $date }
programme-report-all-regions = toutes les régions
programme-report-all-years = Toutes les années
