package io.vestibule.identity.local;

/** One way of hashing passwords, with the stored form it writes and reads. Passwords arrive as UTF-8 bytes. */
interface PasswordHashScheme {
    /** Whether a stored hash is in this scheme's form, whatever its cost and whether or not it is well formed. */
    boolean recognises(String encoded);

    /** A new hash under a fresh salt. */
    String hash(byte[] password, byte[] salt);

    int saltBytes();

    /** Whether the password is the one hashed; false for a malformed hash or one asking an unreasonable cost. */
    boolean matches(byte[] password, String encoded);

    /** Whether a stored hash of this scheme is cheaper than the policy asks, or unreadable. */
    boolean weakerThanPolicy(String encoded);
}
