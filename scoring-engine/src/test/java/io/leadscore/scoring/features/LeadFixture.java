package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Seniority;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Leads and activities for tests, with every optional field absent unless set. */
public final class LeadFixture {
    private final String id;
    private Instant createdAt;
    private String email;
    private String industry;
    private Long employees;
    private Double annualRevenue;
    private String country;
    private Seniority seniority;
    private String department;
    private String source;
    private String campaign;
    private final Map<String, String> custom = new LinkedHashMap<>();

    private LeadFixture(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    public static LeadFixture lead(String id, Instant createdAt) {
        return new LeadFixture(id, createdAt);
    }

    public static Activity activity(String leadId, ActivityType type, Instant at) {
        return new Activity(leadId, at, type, null);
    }

    public LeadFixture email(String value) {
        this.email = value;
        return this;
    }

    public LeadFixture industry(String value) {
        this.industry = value;
        return this;
    }

    public LeadFixture employees(long value) {
        this.employees = value;
        return this;
    }

    public LeadFixture annualRevenue(double value) {
        this.annualRevenue = value;
        return this;
    }

    public LeadFixture country(String value) {
        this.country = value;
        return this;
    }

    public LeadFixture seniority(Seniority value) {
        this.seniority = value;
        return this;
    }

    public LeadFixture department(String value) {
        this.department = value;
        return this;
    }

    public LeadFixture source(String value) {
        this.source = value;
        return this;
    }

    public LeadFixture campaign(String value) {
        this.campaign = value;
        return this;
    }

    public LeadFixture custom(String name, String value) {
        custom.put(name, value);
        return this;
    }

    public Lead build() {
        return new Lead(id, createdAt, email, null, industry, employees, annualRevenue, country, null, seniority,
                department, source, campaign, custom);
    }
}
