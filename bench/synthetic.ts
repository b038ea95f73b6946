/**
 * Realistic synthetic content for load tests: French titles, problems, steps and comments built
 * from a small vocabulary, so that search sees common and rare words like real data does.
 * Deterministic (seeded), so two runs give the same database.
 */

/** mulberry32: a tiny, good-enough seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
export const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const FIRST = [
  'Camille',
  'Karim',
  'Sophie',
  'Julien',
  'Aïcha',
  'Nadia',
  'Thomas',
  'Lucie',
  'Hélène',
  'Mathieu',
  'Inès',
  'Olivier',
  'Fatou',
  'Élodie',
  'Rachid',
  'Margaux',
  'Antoine',
  'Chloé',
  'Yacine',
  'Françoise',
  'Bruno',
  'Léa',
  'Mamadou',
  'Sandrine',
];
const LAST = [
  'Martin',
  'Benali',
  'Lefèvre',
  'Moreau',
  'Diallo',
  'Roussel',
  'Girard',
  'Bernard',
  'Dubois',
  'Nguyen',
  'Petit',
  'Garnier',
  'Traoré',
  'Lemoine',
  'Faure',
  'Chevalier',
  'Haddad',
  'Marchand',
  'Perrin',
  'Gauthier',
  'Renaud',
  'Mercier',
  'Da Silva',
];
const OBJECTS = [
  'Ticket coloré',
  'Tableur partagé',
  'Étiquettes imprimées',
  'Classeur à onglets',
  'Affiche plastifiée',
  'Planning mural',
  'Modèle de courrier',
  'Pochettes numérotées',
  'Tampon daté',
  'Formulaire simplifié',
  'Check-list',
  'Boîte à idées',
  'Code couleur',
  'Panneau d’orientation',
  'Carnet de bord',
  'Raccourci clavier',
  'Macro de publipostage',
  'Calendrier partagé',
];
const PURPOSES = [
  "pour la file d'attente",
  'pour le courrier entrant',
  'pour les actes d’état civil',
  'pour les inscriptions électorales',
  'pour le présentoir des dépliants',
  'pour les rendez-vous passeport',
  'pour l’accueil du samedi',
  'pour les mariages',
  'pour le suivi des colis',
  'pour les demandes de logement',
  'pour les cartes d’identité',
  'pour le guichet unique',
  'pour les recensements',
  'pour la salle des fêtes',
  'pour les permanences juridiques',
  'pour les réclamations',
];
const PROBLEMS = [
  'Les usagers attendaient longtemps sans savoir à quel guichet aller.',
  'Le courrier se perdait entre les services et personne ne savait qui le traitait.',
  'Les agents recopiaient trois fois les mêmes informations.',
  'Les dépliants se mélangeaient sur le présentoir et les usagers ne trouvaient rien.',
  'Le samedi matin, la file débordait jusque dans l’escalier.',
  'Les dossiers incomplets revenaient sans cesse au guichet.',
  'Les rendez-vous étaient notés sur des post-it qui disparaissaient.',
  'Chaque agent avait sa propre méthode et les remplaçants étaient perdus.',
  'Les usagers âgés ne lisaient pas les écrans d’affichage.',
  'Les statistiques mensuelles prenaient une journée entière à préparer.',
];
const STEPS = [
  'Imprimer les modèles sur du papier de couleur, une couleur par service.',
  'Créer un onglet par semaine et une colonne par agent.',
  'Plastifier les affiches et les fixer à hauteur des yeux.',
  'Numéroter les pochettes et noter le numéro dans le tableur.',
  'Expliquer le principe à l’équipe lors de la réunion du lundi.',
  'Afficher la légende à l’entrée, en gros caractères.',
  'Ajouter une formule qui colore les lignes en retard.',
  'Ranger les formulaires par ordre alphabétique dans le classeur.',
  'Prévoir un exemplaire de secours au guichet.',
  'Faire le point après deux semaines et ajuster les couleurs.',
  'Partager le fichier sur le lecteur commun avec un nom daté.',
  'Mettre un tampon avec la date de réception sur chaque pli.',
];
const COMMENTS = [
  'Bravo, super idée !',
  'On l’a testé chez nous, ça marche très bien.',
  'Est-ce que tu peux partager le modèle ?',
  'Combien de temps pour le mettre en place ?',
  'Génial, je vais le proposer à mon équipe.',
  'Merci pour le pas à pas, très clair.',
  'Nous avons adapté les couleurs pour notre mairie.',
  'Une question : comment gérez-vous les absences ?',
];
const FEEDBACK = [
  'Mis en place en une matinée, les usagers ont tout de suite compris.',
  'Adopté avec quelques adaptations pour notre accueil.',
  'Très efficace le samedi, moins utile en semaine.',
  'Toute l’équipe l’utilise maintenant.',
];

export const personName = (random: Random): string => `${pick(random, FIRST)} ${pick(random, LAST)}`;
export const title = (random: Random): string => `${pick(random, OBJECTS)} ${pick(random, PURPOSES)}`;
export const problem = (random: Random): string => `${pick(random, PROBLEMS)} ${pick(random, PROBLEMS)}`;
export const step = (random: Random): string => pick(random, STEPS);
export const comment = (random: Random): string => pick(random, COMMENTS);
export const feedback = (random: Random): string | null => (random() < 0.5 ? pick(random, FEEDBACK) : null);
