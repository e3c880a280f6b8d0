/// A page's words in the reader's language (`Localizer`'s table, with the page's own words
/// merged in, such as `WorkbenchWords`): `t["key"]`, a missing word shown as its key, so that a
/// gap is visible on the page rather than an empty space.
struct Words: Sendable {
    let table: [String: String]

    init(table: [String: String]) { self.table = table }

    init(_ localizer: Localizer) { table = localizer.table }

    subscript(_ key: String) -> String { table[key] ?? key }
}
