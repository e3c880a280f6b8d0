/// An import file's header checked against the columns its kind of file has: the position of
/// each known column, and an issue (row 1) for every unknown or repeated column and every
/// required one that is missing. The portfolio's files and the history of actions share it.
struct ImportHeader {
    /// Each known column's position in the file.
    let index: [String: Int]
    /// How many fields the header has.
    let width: Int
    let issues: [ImportIssue]

    init(_ fields: [String], path: String, fileKind: String, columns: [String], required: [String]) {
        var index: [String: Int] = [:]
        var issues: [ImportIssue] = []
        for (position, rawName) in fields.enumerated() {
            let name = rawName.trimmingCharacters(in: .whitespaces)
            if !columns.contains(name) {
                issues.append(ImportIssue(file: path, row: 1, column: name, message: "is not a column of \(fileKind) files (expected \(columns.joined(separator: ", ")))"))
            } else if index[name] != nil {
                issues.append(ImportIssue(file: path, row: 1, column: name, message: "appears twice in the header"))
            } else {
                index[name] = position
            }
        }
        for column in required where index[column] == nil {
            issues.append(ImportIssue(file: path, row: 1, column: column, message: "is missing from the header"))
        }
        self.index = index
        self.width = fields.count
        self.issues = issues
    }
}
