// Service desk (客服): the complaint board and a ticket's page, survey results and the settings
// (survey, SLA, holidays). Other parts of the console use only what this file exports.

export { default as ComplaintsBoardPage } from './ComplaintsBoardPage.tsx';
export { default as ComplaintPage } from './ComplaintPage.tsx';
export { default as SurveyResultsPage } from './SurveyResultsPage.tsx';
export { default as FeedbackSettingsPage } from './FeedbackSettingsPage.tsx';
