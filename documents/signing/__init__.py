"""Advanced electronic signatures and the municipality's seal on final PDFs (PAdES, pyHanko).

Only the document's digest leaves the portal: ``pdf`` prepares the signature field and the byte
range, a ``SigningService`` (``service``) returns a CMS signature over that digest, bound to the
signer, the organisation and the version, and ``pdf`` embeds it. ``validation`` checks every
signature on receipt. ``local`` is the signing service of the demo and CI, on the local test
PKI of ``pki`` (certomancer); see docs/identity-and-signatures.md.
"""
