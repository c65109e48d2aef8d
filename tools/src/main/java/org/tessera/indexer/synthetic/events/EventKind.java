package org.tessera.indexer.synthetic.events;

/** What happened, and so which agency layout records it. */
public enum EventKind {
    POLICE_INCIDENT(Agency.POLICE),
    AE_ATTENDANCE(Agency.HEALTH),
    APPOINTMENT(Agency.HEALTH),
    HV_CONTACT(Agency.HEALTH),
    ATTENDANCE(Agency.EDUCATION),
    EXCLUSION(Agency.EDUCATION),
    PASTORAL_NOTE(Agency.EDUCATION),
    CSC_CONTACT(Agency.SOCIAL_CARE),
    CSC_REFERRAL(Agency.SOCIAL_CARE),
    CSC_ASSESSMENT(Agency.SOCIAL_CARE),
    CSC_S47(Agency.SOCIAL_CARE),
    CSC_CP_PLAN(Agency.SOCIAL_CARE),
    HOUSING_EVENT(Agency.HOUSING),
    HOMELESS_APPLICATION(Agency.HOUSING),
    PROBATION_EVENT(Agency.PROBATION);

    public enum Agency {
        POLICE, HEALTH, EDUCATION, SOCIAL_CARE, HOUSING, PROBATION
    }

    private final Agency agency;

    EventKind(Agency agency) {
        this.agency = agency;
    }

    public Agency agency() {
        return agency;
    }
}
