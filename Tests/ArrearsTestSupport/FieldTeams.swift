import ArrearsCore

/// The field teams of `config/teams.yaml` that `WorkbenchFixture`'s visits go to: Shanghai's team
/// covers its customers (region 上海), Beijing's does not.
public enum FieldTeams {
    public static let shanghai = Agent(id: "f-shanghai", name: "上海外访组", kind: .fieldTeam, channels: [.visit], languages: [.zhCN],
                                       regions: ["上海"], dailyCapacity: 6)
    public static let beijing = Agent(id: "f-beijing", name: "北京外访组", kind: .fieldTeam, channels: [.visit], languages: [.zhCN],
                                      regions: ["北京"], dailyCapacity: 6)
    public static let all = [shanghai, beijing]
}
