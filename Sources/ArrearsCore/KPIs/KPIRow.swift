/// One line of a KPI report: a group ("all", or a value of the dimension) in one currency.
public struct KPIRow: Sendable, Codable, Equatable {
    public static let all = "all"

    public let group: String
    public let figures: KPIFigures

    public init(group: String, figures: KPIFigures) {
        self.group = group
        self.figures = figures
    }
}
