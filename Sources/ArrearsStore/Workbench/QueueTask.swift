import ArrearsCore

/// One task in a collector's or field agent's queue: an open action of the daily run assigned to
/// them, with what they need to choose it and whether the customer may be contacted on its
/// channel right now.
public struct QueueTask: Sendable, Equatable {
    /// The action's id, `case:date`.
    public let id: String
    public let caseId: String
    public let customerId: String
    /// The customer's name in full: the person working the case speaks to them by it.
    public let customerName: String
    /// The business date of the daily run that created the task.
    public let businessDate: String
    public let treatment: String
    public let channel: String
    /// Higher goes first (`Strategy.priority(of:for:)`).
    public let priority: Int64
    public let dpd: Int
    public let bucket: String
    public let overdueMinor: Int64
    public let currency: String
    /// The policy pack's verdict on contacting the customer on `channel` now; nil when no pack
    /// is configured or the channel is not one a person contacts on.
    public let contactNow: ContactVerdict?

    /// Where the task sits in the queue's order, for paging and "next case".
    public var position: WorkQueue.Position { WorkQueue.Position(priority: priority, taskId: id) }

    /// The same task with `verdict` as its verdict on contacting the customer now.
    func with(contactNow verdict: ContactVerdict?) -> QueueTask {
        QueueTask(id: id, caseId: caseId, customerId: customerId, customerName: customerName, businessDate: businessDate,
                  treatment: treatment, channel: channel, priority: priority, dpd: dpd, bucket: bucket, overdueMinor: overdueMinor,
                  currency: currency, contactNow: verdict)
    }
}
