import ArrearsCore

/// The compliance console's own words, added to the workbench's table (whose `sv_` words name
/// the breaches' columns) for `ComplianceView`.
enum ComplianceWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        WorkbenchWords.table(localizer).merging(localizer.language == .en ? english : chinese) { _, own in own }
    }

    static let chinese: [String: String] = [
        "cp_title": "合规控制台", "cp_blocked": "被政策拦截的行动", "cp_business_date": "业务日期", "cp_by_rule": "按规则",
        "cp_no_rule": "未记录规则", "cp_treatment": "处置", "cp_next_allowed": "最早可行时间", "cp_complaints": "未结投诉",
        "cp_complaint": "投诉编号", "cp_opened": "登记时间", "cp_category": "类别", "cp_description": "内容", "cp_flags": "生效中的客户标记",
        "cp_flag": "标记", "cp_from": "起", "cp_until": "止", "cp_note": "备注", "cp_case": "案件", "cp_no_runs": "尚未运行每日批处理。",
        "cp_limit": "每个列表最多显示 {limit} 条。",
    ]

    static let english: [String: String] = [
        "cp_title": "Compliance console", "cp_blocked": "Actions the policy blocked", "cp_business_date": "Business date", "cp_by_rule": "By rule",
        "cp_no_rule": "no rule recorded", "cp_treatment": "Treatment", "cp_next_allowed": "Next allowed", "cp_complaints": "Open complaints",
        "cp_complaint": "Complaint", "cp_opened": "Opened", "cp_category": "Category", "cp_description": "What about", "cp_flags": "Flags in force",
        "cp_flag": "Flag", "cp_from": "From", "cp_until": "Until", "cp_note": "Note", "cp_case": "Case", "cp_no_runs": "No daily run yet.",
        "cp_limit": "Each list shows at most {limit} lines.",
    ]
}
