/// Someone who works tasks: a collector, a field team or a legal officer, with the channels they
/// handle, the languages they speak, the regions they cover and how many tasks a day they take.
public struct Agent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case collector, fieldTeam = "field_team", legal, backOffice = "back_office" }

    public let id: String
    public let name: String
    public let kind: Kind
    public let channels: Set<Channel>
    public let languages: Set<Language>
    /// Regions covered; empty means every region.
    public let regions: Set<String>
    public let dailyCapacity: Int

    public init(id: String, name: String, kind: Kind, channels: Set<Channel>, languages: Set<Language>, regions: Set<String>, dailyCapacity: Int) {
        self.id = id
        self.name = name
        self.kind = kind
        self.channels = channels
        self.languages = languages
        self.regions = regions
        self.dailyCapacity = dailyCapacity
    }

    /// Whether this agent may take the task: the channel is theirs, they speak the customer's
    /// language, and, for field visits, the customer lives in a region they cover.
    public func canTake(_ task: TaskToAssign) -> Bool {
        guard channels.contains(task.channel), languages.contains(task.language) else { return false }
        if task.channel == .visit, !regions.isEmpty {
            guard let region = task.region, regions.contains(region) else { return false }
        }
        return true
    }
}
