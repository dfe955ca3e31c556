# Attestations vérifiables (Open Badges 3.0) : la page publique de
# vérification, le certificat de l'attestation et les actions de délivrance.
credential-verify-title = Vérifier une attestation
credential-kind-workshop-completion = Atelier suivi
credential-kind-expert-recognition = Expert·e EGD reconnu·e
credential-status-valid = Valide : cette attestation est authentique et en vigueur.
credential-status-revoked = Révoquée : l'émetteur a retiré cette attestation.
credential-status-expired = Expirée : la période de validité de cette attestation est terminée.
credential-status-not-yet-valid = Pas encore valide : la période de validité n'a pas commencé.
credential-status-unverified = Cette attestation ne peut pas être vérifiée : sa signature ne correspond à aucune clé publiée par l'émetteur.
credential-revoked-on = révoquée le
credential-recipient = Décernée à
credential-achievement = Réalisation
credential-kind = Type
credential-description = Description
credential-issuer = Émetteur
credential-valid-from = Valide à partir du
credential-valid-until = Valide jusqu'au
credential-no-expiry = Sans date de fin
credential-status = Statut
credential-signature = Signature
credential-signature-checked = La signature numérique de l'émetteur a été vérifiée et est valide.
credential-downloads = Télécharger
credential-download-json = L'attestation (JSON-LD)
credential-download-jwt = L'attestation signée (VC-JWT)
credential-download-pdf = Certificat imprimable (PDF)
credential-how-to-verify = Il s'agit d'une attestation vérifiable Open Badges 3.0, signée avec la clé Ed25519 de l'émetteur publiée dans son document did:web (/.well-known/did.json). Tout vérificateur Open Badges 3.0 peut contrôler l'attestation signée indépendamment de cette page.
credential-certificate-recognition-heading = Certificat de reconnaissance
credential-certificate-recognition-text = a été reconnu·e par le Secrétariat de l'OMD comme
credential-recognized-expert = { $sex ->
    [female] Experte EGD reconnue
    [male] Expert EGD reconnu
   *[other] Expert·e EGD reconnu·e
}
credential-issued-by = Délivrée par { $issuer }
credential-number = Attestation { $id }
credential-scan-to-verify = Scanner pour vérifier
credential-section = Attestations vérifiables
credential-none = Aucune attestation vérifiable n'a encore été délivrée.
credential-get = Obtenir l'attestation vérifiable
credential-verify-link = Attestation vérifiable
credential-issue-all = Délivrer les attestations vérifiables
credential-issue-all-help = Une attestation Open Badges pour chaque participant ayant suivi l'atelier qui n'en a pas encore.
error-credential_invalid_workshop = Choisissez un atelier.
error-credential_unknown_workshop = Cet atelier n'existe pas.
error-credential_invalid_participants = Indiquez quels participants doivent recevoir une attestation.
error-credential_exists = Cette attestation a déjà été délivrée.

credential-issuer-name = Organisation mondiale des douanes — gedhub
credential-activity-dates = Dates de l'atelier
credential-watermark-revoked = RÉVOQUÉE
credential-watermark-expired = EXPIRÉE
credential-check-link = Vérifier une attestation que l'on vous a remise
achievement-title = Réalisation
achievement-criteria = Critères
achievement-json-help = Il s'agit d'une réalisation Open Badges 3.0. Demandez application/ld+json à cette adresse pour l'obtenir en JSON-LD.
achievement-recognition-description = Reconnu par le Secrétariat de l'OMD comme expert capable d'assurer le renforcement des capacités en matière d'égalité des genres et de diversité dans les douanes.
achievement-recognition-criteria = A suivi un atelier de formation de formateurs et apporté un appui supervisé à un Membre de l'OMD, évalué positivement ; valable trois ans sauf renouvellement.
achievement-workshop-description = Participation complète à l'atelier de l'OMD sur l'égalité des genres et la diversité « { $title } » ({ $start } – { $end }).
achievement-workshop-criteria = A suivi au moins { $pct } % de l'atelier et atteint le seuil du post-test fixé par le Secrétariat de l'OMD, ou participation complète enregistrée par le Secrétariat.
credential-check-title = Vérifier une attestation présentée
credential-check-intro = Collez une attestation (un VC-JWT signé ou une attestation JSON-LD avec sa preuve), ou téléversez-la comme fichier, ou téléversez un certificat PDF de gedhub. gedhub vérifie la signature avec ses clés publiées, l'émetteur, les dates de validité et si l'attestation a été révoquée.
credential-check-paste = Attestation (VC-JWT ou JSON)
credential-check-paste-help = Le texte commençant par « eyJ » (VC-JWT) ou par « {"{"} » (JSON-LD).
credential-check-file = Ou un fichier (.jwt, .json ou un certificat .pdf de gedhub)
credential-check-file-help = { $max } Ko au plus. Un PDF est vérifié grâce à l'adresse gedhub qui y est imprimée.
credential-check-submit = Vérifier
credential-check-open-page = Ouvrir la page de vérification de cette attestation
credential-check-result-valid = Valide : signée par ce gedhub, en vigueur et non révoquée.
credential-check-result-revoked = Révoquée : authentique, mais l'émetteur l'a retirée.
credential-check-result-expired = Expirée : authentique, mais sa période de validité est terminée.
credential-check-result-not-yet-valid = Pas encore valide : authentique, mais sa période de validité n'a pas commencé.
credential-check-result-bad-signature = Non authentique : la signature ne se vérifie avec aucune clé publiée par cet émetteur.
credential-check-result-altered = Modifiée : la preuve se vérifie, mais le document diffère de l'attestation délivrée par cet émetteur.
credential-check-result-foreign-issuer = Impossible à vérifier ici : cette attestation a été délivrée par un autre émetteur. Utilisez un vérificateur capable de résoudre son émetteur.
credential-check-result-unknown = Inconnue : ce gedhub n'a aucune trace de cette attestation.
credential-check-result-unreadable = Illisible : ce n'est ni un VC-JWT, ni une attestation JSON-LD, ni un certificat gedhub portant son adresse.
