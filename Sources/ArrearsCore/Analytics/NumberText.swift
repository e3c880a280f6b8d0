/// Numbers as people write them in bin labels: whole numbers without a decimal point.
enum NumberText {
    static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
