/// A CSV file read for `ModelFit`: the target column as outcomes, every other column a feature.
///
/// A column is numeric when every non-empty value is a finite number, else categorical;
/// empty values are missing. The target has exactly two distinct values, none empty; the
/// event is `event` when given, else `1` when the values are 0 and 1.
public struct ModelFitData: Sendable {
    public let target: String
    public let event: String
    public let features: [Feature]
    /// True where the row's target is the event.
    public let outcomes: [Bool]

    public init(csv: String, target: String, event: String? = nil) throws(ScorecardError) {
        let table = try CSVTable(parsing: csv)
        guard let targetColumn = table.header.firstIndex(of: target) else { throw .missingTargetColumn(target) }
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
        features = table.header.indices.filter { $0 != targetColumn }.map { column in
            let texts = table.records.map { $0[column] }
            let numbers = texts.map { $0.isEmpty ? Double.nan : Double($0).flatMap { $0.isFinite ? $0 : nil } }
            if numbers.allSatisfy({ $0 != nil }) {
                return Feature(name: table.header[column], values: .numeric(numbers.map { $0! }))
            }
            return Feature(name: table.header[column], values: .categorical(texts))
        }
    }
}
