/// A CSV file read for `ModelFit`: the target column as outcomes, every other column but the
/// excluded ones (identifiers, for example) a feature.
///
/// A value is missing when it is empty or one of `missingTexts` (`NA`, `NaN`, `NULL`, in any
/// case). A column is numeric when every value that is not missing is a finite number, else
/// categorical. The target has exactly two distinct values, none empty; the
/// event is `event` when given, else `1` when the values are 0 and 1.
public struct ModelFitData: Sendable {
    public let target: String
    public let event: String
    public let features: [Feature]
    /// True where the row's target is the event.
    public let outcomes: [Bool]

    /// The texts, compared without case, that mark a missing value besides the empty one.
    public static let missingTexts: Set<String> = ["na", "nan", "null"]

    public init(csv: String, target: String, event: String? = nil, exclude: [String] = []) throws(ScorecardError) {
        let table = try CSVTable(parsing: csv)
        guard let targetColumn = table.header.firstIndex(of: target) else { throw .missingTargetColumn(target) }
        for column in exclude where !table.header.contains(column) { throw .missingExcludedColumn(column) }
        var values: [String] = []
        for (record, line) in zip(table.records, table.lines) {
            let value = record[targetColumn]
            guard !value.isEmpty else { throw .emptyTarget(row: line, column: target) }
            if !values.contains(value) {
                guard values.count < 2 else { throw .targetNotBinary(row: line, column: target, value: value, seen: values) }
                values.append(value)
            }
        }
        guard !values.isEmpty else { throw .emptyData }
        guard values.count == 2 else { throw .targetSingleValue(column: target, value: values[0]) }
        let chosen: String
        if let event {
            guard values.contains(event) else { throw .unknownEvent(column: target, event: event, values: values) }
            chosen = event
        } else {
            guard Set(values) == ["0", "1"] else { throw .eventRequired(column: target, values: values) }
            chosen = "1"
        }
        self.target = target
        self.event = chosen
        outcomes = table.records.map { $0[targetColumn] == chosen }
        features = table.header.indices.filter { $0 != targetColumn && !exclude.contains(table.header[$0]) }.map { column in
            let texts = table.records.map { Self.isMissing($0[column]) ? "" : $0[column] }
            let numbers = texts.map { $0.isEmpty ? Double.nan : Double($0).flatMap { $0.isFinite ? $0 : nil } }
            if numbers.allSatisfy({ $0 != nil }) {
                return Feature(name: table.header[column], values: .numeric(numbers.map { $0! }))
            }
            return Feature(name: table.header[column], values: .categorical(texts))
        }
    }

    static func isMissing(_ text: String) -> Bool {
        text.isEmpty || (text.count <= 4 && missingTexts.contains(text.lowercased()))
    }
}
