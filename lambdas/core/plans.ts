/**
 * Plans and limits (PRODUCT.md, from the Salesmate seed). One table, easy to change: the
 * Enterprise workflow email cap and the trial sequence count are not in the seeds; they are ours.
 */
export const PLAN_NAMES = ["trial", "starter", "growth", "boost", "enterprise"] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export interface Plan {
  workflowsPerWorkspace: number;
  /** null: shares the trial's total. */
  workflowEmailsPerUserPerDay: number | null;
  sequencesPerUser: number;
  sequenceEmailsPerUserPerDay: number | null;
  /** Journey emails a month = this × active contacts. */
  journeyEmailsPerActiveContactPerMonth: number;
  /** Emails over the whole trial, across all kinds; null when not a trial. */
  trialEmails: number | null;
}

export const PLANS: Record<PlanName, Plan> = {
  trial: {
    workflowsPerWorkspace: 10,
    workflowEmailsPerUserPerDay: null,
    sequencesPerUser: 5,
    sequenceEmailsPerUserPerDay: null,
    journeyEmailsPerActiveContactPerMonth: 4,
    trialEmails: 100,
  },
  starter: {
    workflowsPerWorkspace: 10,
    workflowEmailsPerUserPerDay: 250,
    sequencesPerUser: 0,
    sequenceEmailsPerUserPerDay: 0,
    journeyEmailsPerActiveContactPerMonth: 4,
    trialEmails: null,
  },
  growth: {
    workflowsPerWorkspace: 25,
    workflowEmailsPerUserPerDay: 500,
    sequencesPerUser: 5,
    sequenceEmailsPerUserPerDay: 500,
    journeyEmailsPerActiveContactPerMonth: 4,
    trialEmails: null,
  },
  boost: {
    workflowsPerWorkspace: 50,
    workflowEmailsPerUserPerDay: 1000,
    sequencesPerUser: 10,
    sequenceEmailsPerUserPerDay: 1000,
    journeyEmailsPerActiveContactPerMonth: 4,
    trialEmails: null,
  },
  enterprise: {
    workflowsPerWorkspace: 100,
    workflowEmailsPerUserPerDay: 1500,
    sequencesPerUser: 25,
    sequenceEmailsPerUserPerDay: 1500,
    journeyEmailsPerActiveContactPerMonth: 4,
    trialEmails: null,
  },
};
