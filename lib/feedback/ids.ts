/** Elements that take the focus after an action, shared by server pages and client forms. */
export const RECOGNITION_STATUS_ID = "organisation-recognition-status";
