import ArrearsCore

/// A page's words in the reader's language (the language's `Catalogue`): `t["key"]` for the
/// page's own words, `t.code(.flag, "dispute")` for a code's. A key with no words shows the English
/// words or the key in plain letters, never a crash, and is noted (`Catalogue.missing`) so that a
/// test finds it.
struct Words: Sendable {
    let table: [String: String]

    init(table: [String: String]) { self.table = table }

    init(_ localizer: Localizer) { table = localizer.table }

    init(_ language: Language) { table = Catalogue.table(language) }

    subscript(_ key: String) -> String { table[key] ?? Catalogue.missing(key) }

    /// The words for `code` of `list`, or the code with its underscores as spaces when there are
    /// none (a code a bank's configuration added), never a snake_case identifier.
    func code(_ list: CodeList, _ code: String) -> String {
        table[list.prefix + code] ?? code.replacingOccurrences(of: "_", with: " ")
    }
}
