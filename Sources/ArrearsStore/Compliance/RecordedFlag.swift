/// A flag as recorded on a customer (`arrears flag list` prints one a line): its kind, the
/// channel or value it carries, the days it holds (open-ended when nil) and its note.
public struct RecordedFlag: Sendable, Equatable {
    public let id: String
    public let flag: String
    public let channel: String?
    public let value: String?
    public let startsOn: String?
    public let endsOn: String?
    public let note: String?
}
