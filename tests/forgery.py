"""Forged tokens for the tests that check a signature is really checked."""


def tampered(token):
    """`token` with one character of its signature (the part after the last dot) changed.

    A character in the middle, never the last: base64 packs 6 bits per character, so the
    last character of a 20- or 32-byte signature carries 2 padding bits a decoder ignores,
    and changing only those leaves the signature valid (a test that flipped the last
    character failed once in 64 runs, on whichever key the run drew)."""
    head, dot, signature = token.rpartition(".")
    middle = len(signature) // 2
    swapped = "B" if signature[middle] == "A" else "A"
    return f"{head}{dot}{signature[:middle]}{swapped}{signature[middle + 1:]}"
