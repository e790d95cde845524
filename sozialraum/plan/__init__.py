"""Person-centred planning: the person's will, goals in life areas, the resource ladder,
the plan with its versions, reviews with self-ratings, referrals to offers (Weg-Weisung)
and the subjective map. Builds on case work (the person, consent, access) and the network
map (contacts on the resource ladder)."""
