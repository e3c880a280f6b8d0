/// The supervisor's page's own words (approvals, reassignment filters, quality review and the
/// appraisal), added to the workbench's (`WorkbenchWords`).
enum SupervisorWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        localizer.language == .en ? englishTable : chineseTable
    }

    private static let chineseTable = WorkbenchWords.table(Localizer(language: .zhCN)).merging(chinese) { _, own in own }
    private static let englishTable = WorkbenchWords.table(Localizer(language: .en)).merging(english) { _, own in own }

    static let chinese: [String: String] = [
        "sv_decide": "决定", "sv_open_case": "打开案件", "sv_confirm_reject": "确认拒绝（不可撤销）",
        "sv_confirm_needed": "拒绝前请勾选确认：拒绝后不可撤销。",
        "sv_filter": "筛选", "sv_all_agents": "全部坐席", "sv_all_channels": "全部渠道", "sv_show": "显示", "sv_channel_agents_none": "没有该渠道的坐席",
        "sv_dispatch_visits": "外访任务在外访页按区域选择外访组派发：", "sv_to_visits": "前往外访派发",
        "sv_quality": "质检", "sv_quality_intro": "抽查近 7 天的联系记录，按五项打分；分数计入催收员考核，考核不只看回收金额（2011 年信用卡业务监管措施第 66 条）。",
        "sv_identity_checked": "核实身份", "sv_disclosures_made": "必要告知", "sv_respectful_tone": "语气得当", "sv_no_threats": "无威胁恐吓",
        "sv_correct_outcome": "结果记录正确", "sv_review": "提交质检", "sv_recorded_by": "记录人", "sv_time": "时间（客户当地）",
        "sv_appraisal": "催收员考核", "sv_appraisal_intro": "本月 1 日至今，按催收员：回收金额与质检分数并列。质检分数 = 通过项数 ÷（5 × 质检次数）。",
        "sv_quality_score": "质检分数", "sv_reviews": "质检次数", "ch_legal_review": "法务审查",
        "role_collector": "催收员", "role_field_agent": "外访员", "role_supervisor": "主管", "role_legal": "法务", "role_compliance": "合规",
        "role_strategy_manager": "策略经理", "role_admin": "管理员", "role_gateway": "网关",
    ]

    static let english: [String: String] = [
        "sv_decide": "Decide", "sv_open_case": "open the case", "sv_confirm_reject": "confirm the rejection (final)",
        "sv_confirm_needed": "Tick the confirmation to reject: a rejection cannot be undone.",
        "sv_filter": "Filter", "sv_all_agents": "all agents", "sv_all_channels": "all channels", "sv_show": "Show", "sv_channel_agents_none": "no agent works this channel",
        "sv_dispatch_visits": "Visit tasks are dispatched on the visits page, choosing a field team that covers the customer's region:", "sv_to_visits": "dispatch visits",
        "sv_quality": "Quality review", "sv_quality_intro": "Review contact attempts of the last 7 days on five points; the score counts in the collector's appraisal, so that it does not rest on amounts alone (2011 credit-card measures, art. 66).",
        "sv_identity_checked": "Identity checked", "sv_disclosures_made": "Required disclosures", "sv_respectful_tone": "Respectful tone", "sv_no_threats": "No threats",
        "sv_correct_outcome": "Correct outcome", "sv_review": "Record the review", "sv_recorded_by": "Recorded by", "sv_time": "Time (customer's)",
        "sv_appraisal": "Collector appraisal", "sv_appraisal_intro": "From the first of the month to today, by collector: amounts recovered beside quality. Quality score = checks passed ÷ (5 × reviews).",
        "sv_quality_score": "Quality score", "sv_reviews": "Reviews", "ch_legal_review": "Legal review",
        "role_collector": "collector", "role_field_agent": "field agent", "role_supervisor": "supervisor", "role_legal": "legal", "role_compliance": "compliance",
        "role_strategy_manager": "strategy manager", "role_admin": "admin", "role_gateway": "gateway",
    ]
}
