export { mesriRecipe, MESRI_IDENTITY_ROUTE, MESRI_INE_ROUTE } from './mesri-recipe.js';
export { mapStudentStatus, type StudentAdmissionRecord, type StudentStatusRecord } from './map-student-status.js';
