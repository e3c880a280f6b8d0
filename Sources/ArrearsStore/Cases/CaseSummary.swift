/// One line of the case list: the case's state and who its latest action was assigned to.
public struct CaseSummary: Sendable, Equatable {
    public let id: String
    public let customerId: String
    public let status: String
    public let segment: String
    public let bucket: String
    public let dpd: Int
    public let overdueMinor: Int64
    public let currency: String
    /// The agent of the case's latest action; nil when it went to the outbox or a queue.
    public let assignedTo: String?
}
