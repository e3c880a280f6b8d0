import Vapor

/// Passwords are kept as bcrypt hashes (issue 4), at cost 12 in production: about a quarter of a
/// second per hash on one core, so that a stolen `users` table is slow to attack.
public enum PasswordHasher {
    public static let productionCost = 12
    /// The shortest password Arrears accepts.
    public static let minimumLength = 12

    public static func hash(_ password: String, cost: Int = productionCost) throws -> String {
        try Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`; false for a malformed hash.
    public static func verify(_ password: String, hash: String) -> Bool {
        (try? Bcrypt.verify(password, created: hash)) ?? false
    }

    /// A random password of 20 letters and digits (about 115 bits), without look-alike
    /// characters, for users whose password is generated rather than typed.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }
}
