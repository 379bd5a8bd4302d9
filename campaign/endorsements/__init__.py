"""Endorsements of the charter by cities, regions and their associations: submission, email confirmation,
moderation by staff, the public list and the protection of the signers' personal data.

The public face of an endorsement (institution, country, signatory, statement) and its private face (contact
email and phone, tokens) live in one row; only `campaign.endorsements.public` decides what leaves the building.
"""
