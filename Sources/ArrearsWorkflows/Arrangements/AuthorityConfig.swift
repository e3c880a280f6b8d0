import ArrearsCore
import ArrearsStore
import Foundation
import Yams

/// Reads the authority limits for arrangements from `authority.yaml` (see the shipped
/// `config/authority.yaml` for the format); every error names the line.
public enum AuthorityConfig {
    public static let fileName = "authority.yaml"

    /// The limits in `directory/authority.yaml`, or `AuthorityLimits.standard` when there is no such file.
    public static func load(fromDirectory directory: String) throws -> AuthorityLimits {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return .standard }
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws -> AuthorityLimits {
        let root = try ConfigYAML.compose(text, file: file)
        let fields = ConfigFields(root, file: file)
        try fields.only(["grace_days", "cumulative_window_days", "four_eyes", "hardship_forbearance", "roles"])
        let grace = try fields.required("grace_days", fields.int("grace_days", in: 0...90))
        let window = try fields.int("cumulative_window_days", in: 1...3_650) ?? AuthorityLimits.standardWindowDays
        var fourEyes = AuthorityLimits.standardFourEyes
        if let section = try fields.section("four_eyes") {
            try section.only(ArrangementKind.allCases.map(\.rawValue))
            for kind in ArrangementKind.allCases {
                guard let on = try section.bool(kind.rawValue) else { continue }
                if on { fourEyes.insert(kind) } else { fourEyes.remove(kind) }
            }
        }
        var hardship: AuthorityLimits.HardshipAllowance?
        if let section = try fields.section("hardship_forbearance") {
            try section.only(["max_instalments", "max_deferral_days"])
            hardship = AuthorityLimits.HardshipAllowance(
                maxInstalments: try section.required("max_instalments", section.int("max_instalments", in: 1...InstalmentPlan.maximumCount)),
                maxDeferralDays: try section.required("max_deferral_days", section.int("max_deferral_days", in: 0...3_650)))
        }
        guard let list = try fields.list("roles"), !list.isEmpty else { throw fields.fail("roles", "needs a list of roles under 'roles:'") }
        var roles: [AuthorityLimits.RoleLimits] = []
        for node in list {
            let limits = try roleLimits(node, file: file)
            if roles.contains(where: { $0.role == limits.role }) {
                throw ConfigError(file: file, line: node.line, message: "the role \(limits.role.rawValue) is listed twice")
            }
            if let previous = roles.last, let lower = AuthorityLimits.Limit.allCases.first(where: { value($0, limits) < value($0, previous) }) {
                throw ConfigError(file: file, line: node.line, message: "\(limits.role.rawValue)'s \(lower.rawValue) is below \(previous.role.rawValue)'s: list roles from the least authority to the most")
            }
            roles.append(limits)
        }
        return AuthorityLimits(roles: roles, graceDays: grace, cumulativeWindowDays: window, fourEyes: fourEyes, hardshipForbearance: hardship)
    }

    private static func roleLimits(_ node: Node, file: String) throws -> AuthorityLimits.RoleLimits {
        let keys = ["role"] + AuthorityLimits.Limit.allCases.map(\.rawValue)
        guard let mapping = node.mapping else { throw ConfigError(file: file, line: node.line, message: "each role needs \(keys.joined(separator: ", "))") }
        try ConfigFields(node, file: file).only(keys)
        guard let name = mapping["role"]?.string, let role = Role(rawValue: name) else {
            throw ConfigError(file: file, line: mapping["role"]?.line ?? node.line,
                              message: "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let limits = ConfigFields(node, file: file, path: name)
        func days(_ key: String, _ range: ClosedRange<Int>) throws -> Int { try limits.required(key, limits.int(key, in: range)) }
        func share(_ key: String) throws -> Int {
            let problem = ConfigError(file: file, line: mapping[key]?.line ?? node.line, message: "\(name): \(key) must be a percentage from 0% to 100%, such as 12.5%")
            guard let text = mapping[key]?.string, text.hasSuffix("%"),
                  let points = try? DecimalAmount.parse(String(text.dropLast()), minorDigits: 2), points <= 10_000 else { throw problem }
            return Int(points)
        }
        return AuthorityLimits.RoleLimits(role: role, maxWaiverBasisPoints: try share("max_waiver_share"), maxDeferralDays: try days("max_deferral_days", 0...3_650),
                                          maxSettlementDiscountBasisPoints: try share("max_settlement_discount"),
                                          maxInstalments: try days("max_instalments", 1...InstalmentPlan.maximumCount))
    }

    private static func value(_ limit: AuthorityLimits.Limit, _ limits: AuthorityLimits.RoleLimits) -> Int {
        switch limit {
        case .waiverShare: limits.maxWaiverBasisPoints
        case .deferralDays: limits.maxDeferralDays
        case .settlementDiscount: limits.maxSettlementDiscountBasisPoints
        case .instalments: limits.maxInstalments
        }
    }
}
