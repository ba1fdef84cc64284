"""Who is signed in and how surely: OpenID Connect login through an e-ID broker (the public) or
the municipality's single sign-on (staff), the personal identity number a person is matched by,
and the record of every login with its level of assurance (docs/identity-and-signatures.md)."""
