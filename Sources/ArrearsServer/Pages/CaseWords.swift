import ArrearsCore

/// The customer-360 case page's own words (header, reveal, quote, timeline, talk track) and the
/// words for the codes it shows (flags, products, promise and visit statuses, segments, buckets),
/// merged into `WorkbenchWords`' table.
enum CaseWords {
    static let chinese: [String: String] = [
        "cs_total_overdue": "逾期合计", "cs_total_outstanding": "未还合计", "cs_bucket": "逾期阶段", "cs_segment": "客户分层", "cs_score": "还款评分",
        "cs_as_of": "截至", "cs_worst_account": "最久逾期账户", "cs_promise": "承诺还款", "cs_plan": "还款安排", "cs_none": "无",
        "cs_contact": "现在可否致电",
        "cs_flags": "客户标记", "cs_mobile": "手机", "cs_reveal": "显示号码并拨打", "cs_reveal_reason": "显示原因（记入审计日志）",
        "cs_override_reason": "如在规则允许时越过限制，填写原因", "cs_revealed": "号码仅显示这一次，已记入审计日志。", "cs_call": "拨打",
        "cs_accounts": "账户", "cs_product": "产品", "cs_oldest_unpaid": "最早未还到期日", "cs_details": "应还与还款明细",
        "cs_actions": "操作", "cs_talk_track": "话术", "cs_timeline": "往来记录", "cs_all": "全部", "cs_more": "显示更多",
        "cs_kind_contact": "联系", "cs_kind_message": "消息与信函", "cs_kind_payment": "还款", "cs_kind_promise": "承诺", "cs_kind_visit": "外访",
        "cs_kind_arrangement": "还款安排", "cs_kind_legal": "法律程序", "cs_empty_timeline": "没有记录。",
        "cs_account": "账户", "cs_quote": "试算", "cs_quote_title": "提交前试算", "cs_quote_sum": "各期合计", "cs_quote_amount": "安排金额",
        "cs_quote_basis": "计算基数", "cs_quote_needs": "需审批角色", "cs_quote_beyond": "超出所有角色权限", "cs_quote_confirm": "确认提交",
        "cs_quote_forgiven": "减免金额", "cs_quote_instalment": "期次", "cs_visit_at": "外访", "cs_message": "消息", "cs_legal_step": "法律阶段",
        "cs_bank_time": "您的时间",
        "flag_do_not_contact": "勿联系", "flag_cease": "停止催收联系", "flag_dispute": "债务异议", "flag_bankruptcy": "破产", "flag_deceased": "已故",
        "flag_vulnerable": "弱势客户", "flag_complaint": "投诉处理中", "flag_breathing_space": "喘息期", "flag_time_barred": "已过诉讼时效", "flag_lost": "失联",
        "flag_incapacitated": "无行为能力", "flag_forbearance_offered": "已提供宽限", "flag_preferred_channel": "偏好渠道", "flag_preferred_hours": "偏好时段",
        "flag_hardship": "经济困难", "flag_accepted_channels": "接受的联系渠道",
        "product_personal_loan": "个人贷款", "product_credit_card": "信用卡", "product_corporate_loan": "企业贷款",
        "segment_prime": "优质", "segment_standard": "标准", "segment_high_risk": "高风险",
        "promise_pending": "待履行", "promise_kept": "已兑现", "promise_partly_kept": "部分兑现", "promise_broken": "未兑现", "promise_cancelled": "已取消",
        "message_queued": "待发送", "message_sent": "已发送", "message_failed": "发送失败", "message_delivered": "已送达", "message_pending": "待发送",
        "message_withheld": "未发送", "message_dead": "放弃发送",
        "role_collector": "催收员", "role_field_agent": "外访员", "role_supervisor": "主管", "role_legal": "法务", "role_compliance": "合规",
        "role_admin": "管理员", "role_strategy_manager": "策略经理", "role_gateway": "系统",
        "legal_review": "法律审查", "legal_demand_letter": "律师函", "legal_filed": "已起诉", "legal_hearing": "开庭", "legal_judgment": "已判决", "legal_enforcement": "强制执行",
        "legal_closed": "已结案",
    ]

    static let english: [String: String] = [
        "cs_total_overdue": "Overdue", "cs_total_outstanding": "Outstanding", "cs_bucket": "Bucket", "cs_segment": "Segment", "cs_score": "Score",
        "cs_as_of": "as of", "cs_worst_account": "oldest overdue account", "cs_promise": "Promise", "cs_plan": "Plan", "cs_none": "none",
        "cs_contact": "Call now?",
        "cs_flags": "Flags", "cs_mobile": "Mobile", "cs_reveal": "Reveal and call", "cs_reveal_reason": "Reason to reveal (recorded in the audit log)",
        "cs_override_reason": "Reason to go ahead where the rule allows an override", "cs_revealed": "Shown this once; the view is in the audit log.", "cs_call": "Call",
        "cs_accounts": "Accounts", "cs_product": "Product", "cs_oldest_unpaid": "Oldest unpaid due", "cs_details": "Dues and payments",
        "cs_actions": "Actions", "cs_talk_track": "Talk track", "cs_timeline": "Timeline", "cs_all": "All", "cs_more": "Show more",
        "cs_kind_contact": "Contacts", "cs_kind_message": "Messages and letters", "cs_kind_payment": "Payments", "cs_kind_promise": "Promises",
        "cs_kind_visit": "Visits", "cs_kind_arrangement": "Arrangements", "cs_kind_legal": "Legal", "cs_empty_timeline": "Nothing recorded.",
        "cs_account": "Account", "cs_quote": "Quote", "cs_quote_title": "Quote before proposing", "cs_quote_sum": "Instalments add up to",
        "cs_quote_amount": "Amount", "cs_quote_basis": "Judged against", "cs_quote_needs": "Needs approval by", "cs_quote_beyond": "beyond every role's limits",
        "cs_quote_confirm": "Propose these terms", "cs_quote_forgiven": "Forgiven", "cs_quote_instalment": "Instalment", "cs_visit_at": "Visit",
        "cs_message": "Message", "cs_legal_step": "Legal stage", "cs_bank_time": "your time",
        "flag_do_not_contact": "do not contact", "flag_cease": "cease contact", "flag_dispute": "disputed", "flag_bankruptcy": "bankruptcy", "flag_deceased": "deceased",
        "flag_vulnerable": "vulnerable", "flag_complaint": "complaint open", "flag_breathing_space": "breathing space", "flag_time_barred": "time-barred",
        "flag_lost": "lost contact", "flag_incapacitated": "incapacitated", "flag_forbearance_offered": "forbearance offered",
        "flag_preferred_channel": "preferred channel", "flag_preferred_hours": "preferred hours", "flag_hardship": "hardship",
        "flag_accepted_channels": "accepted channels",
        "product_personal_loan": "personal loan", "product_credit_card": "credit card", "product_corporate_loan": "corporate loan",

        "segment_prime": "prime", "segment_standard": "standard", "segment_high_risk": "high risk",
        "promise_pending": "pending", "promise_kept": "kept", "promise_partly_kept": "partly kept", "promise_broken": "broken", "promise_cancelled": "cancelled",
        "message_queued": "queued", "message_sent": "sent", "message_failed": "failed", "message_delivered": "delivered", "message_pending": "pending",
        "message_withheld": "withheld", "message_dead": "given up",
        "role_collector": "collector", "role_field_agent": "field agent", "role_supervisor": "supervisor", "role_legal": "legal officer",
        "role_compliance": "compliance officer", "role_admin": "administrator", "role_strategy_manager": "strategy manager", "role_gateway": "system",
        "legal_review": "legal review", "legal_demand_letter": "demand letter", "legal_filed": "filed", "legal_hearing": "hearing", "legal_judgment": "judgment", "legal_enforcement": "enforcement",
        "legal_closed": "closed",
    ]

    /// `prefix + code` in words, or the code with its underscores as spaces when no word exists
    /// (never a snake_case identifier on a page).
    static func code(_ prefix: String, _ code: String, _ t: Words) -> String {
        t.table[prefix + code] ?? code.replacingOccurrences(of: "_", with: " ")
    }
}
