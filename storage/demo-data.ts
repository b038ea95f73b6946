/**
 * The French demo content seeded on an empty database, so a first `npm start` shows a living
 * gallery. Data only: `seed.ts` turns it into rows and generated photos. Agent ids match the
 * demo agents of the built-in local chat (platform 'local').
 */

export interface DemoAgent {
  /** platform_user_id on platform 'local'. */
  id: string;
  name: string;
  /** Null for an agent the bot has not met yet: it asks the mairie the first time. */
  mairie: string | null;
  /** The demo's animateur (facilitator), so the local chat shows that role too. */
  animator?: boolean;
}

export type DemoIcon =
  | 'ticket'
  | 'spreadsheet'
  | 'flyers'
  | 'mail'
  | 'calendar'
  | 'label'
  | 'clipboard'
  | 'ballot'
  | 'chart'
  | 'box';

/** A photo drawn as a flat illustration card: background colour, an icon, a short label. */
export interface DemoPhoto {
  icon: DemoIcon;
  label: string;
  color: string;
}

export interface DemoStep {
  text: string;
  photos?: DemoPhoto[];
}

export interface DemoComment {
  by: string;
  text: string;
  /** Hours after publication. */
  after: number;
}

export interface DemoAdoption {
  by: string;
  feedback: string | null;
  /** Days after publication. */
  after: number;
}

export interface DemoBricolage {
  author: string;
  title: string;
  problem: string;
  /** One of the default categories; seed.ts falls back to a configured one when it is absent. */
  category: string;
  daysAgo: number;
  featured?: boolean;
  steps: DemoStep[];
  likedBy: string[];
  comments: DemoComment[];
  adoptions: DemoAdoption[];
}

/**
 * The one list of demo agents: seeded, and played in the local chat (`adapters/local/agents.ts`
 * reads it). Léa has no mairie on purpose: the bot asks it the first time. Julien is the animateur.
 */
export const DEMO_AGENTS: readonly DemoAgent[] = Object.freeze([
  { id: 'camille', name: 'Camille Martin', mairie: '11e' },
  { id: 'karim', name: 'Karim Benali', mairie: '18e' },
  { id: 'sophie', name: 'Sophie Lefèvre', mairie: '5e' },
  { id: 'julien', name: 'Julien Moreau', mairie: 'Hôtel de Ville', animator: true },
  { id: 'aicha', name: 'Aïcha Diallo', mairie: '20e' },
  { id: 'nadia', name: 'Nadia Roussel', mairie: '13e' },
  { id: 'thomas', name: 'Thomas Girard', mairie: '15e' },
  { id: 'lucie', name: 'Lucie Bernard', mairie: '3e' },
  { id: 'lea', name: 'Léa Nouvelle', mairie: null },
]);

/** The demo animateurs as platform-qualified ids (`local:julien`), the form `ANIMATORS` takes. */
export const DEMO_ANIMATORS: readonly string[] = DEMO_AGENTS.filter((a) => a.animator).map((a) => `local:${a.id}`);

const BLUE = '#2f6fb0';
const GREEN = '#2e8b6e';
const ORANGE = '#d9792b';
const PURPLE = '#6b4fa0';
const RED = '#c0453a';
const TEAL = '#1f8a9e';
const OCHRE = '#b8892a';

export const DEMO_BRICOLAGES: readonly DemoBricolage[] = [
  {
    author: 'camille',
    title: "Ticket coloré pour la file d'attente des cartes d'identité",
    problem:
      "Le samedi matin, les usagers venus pour une carte d'identité ou un passeport se mélangeaient à ceux de l'état civil : tout le monde faisait la même file et certains attendaient 40 minutes pour rien.",
    category: "Accueil et files d'attente",
    daysAgo: 54,
    featured: true,
    steps: [
      {
        text: "Imprimer des tickets sur du bristol de couleur : bleu pour les titres d'identité, vert pour l'état civil. Une feuille A4 découpée en 8 donne 8 tickets.",
        photos: [{ icon: 'ticket', label: 'Ticket bleu · CNI n° 12', color: BLUE }],
      },
      { text: 'Numéroter les tickets au feutre et les glisser dans des pochettes plastiques : ils servent des mois.' },
      {
        text: 'Coller une affichette de la même couleur au-dessus de chaque guichet, bien visible depuis la porte.',
        photos: [{ icon: 'label', label: 'Guichet bleu : identité', color: BLUE }],
      },
      { text: "À l'accueil, remettre le ticket selon la démarche et appeler les numéros à voix haute par couleur." },
    ],
    likedBy: ['karim', 'sophie', 'julien', 'aicha', 'nadia', 'thomas'],
    comments: [
      { by: 'karim', text: 'On a le même souci le samedi au 18e, je teste la semaine prochaine !', after: 3 },
      { by: 'lucie', text: 'Vous récupérez les tickets à la sortie ou au guichet ?', after: 20 },
      { by: 'camille', text: "Au guichet : l'agent les remet dans une boîte à côté de l'accueil.", after: 22 },
    ],
    adoptions: [
      {
        by: 'karim',
        feedback: "Adopté au 18e : l'attente du samedi a nettement baissé, les usagers comprennent tout de suite.",
        after: 9,
      },
      { by: 'thomas', feedback: null, after: 16 },
    ],
  },
  {
    author: 'karim',
    title: 'Tableur de suivi du courrier entrant avec mise en forme conditionnelle',
    problem:
      'Le courrier arrivait au service et se perdait entre les bannettes : impossible de savoir ce qui attendait une réponse depuis plus de dix jours.',
    category: 'Tableurs et outils numériques',
    daysAgo: 47,
    featured: true,
    steps: [
      {
        text: 'Créer un tableur partagé avec les colonnes : date de réception, expéditeur, objet, service destinataire, date de réponse.',
        photos: [{ icon: 'spreadsheet', label: 'Suivi du courrier', color: GREEN }],
      },
      { text: 'Ajouter une colonne « Jours d’attente » avec la formule =SI(E2="";AUJOURDHUI()-A2;"").' },
      {
        text: 'Mise en forme conditionnelle : orange au-delà de 7 jours, rouge au-delà de 10. Le retard saute aux yeux.',
        photos: [{ icon: 'chart', label: 'Orange 7 j · Rouge 10 j', color: ORANGE }],
      },
      { text: 'Activer le filtre sur la colonne « service » pour que chacun ne voie que son courrier.' },
    ],
    likedBy: ['camille', 'sophie', 'julien', 'lucie', 'aicha'],
    comments: [
      { by: 'julien', text: "Très clair. À l'Hôtel de Ville on pourrait ajouter une colonne « relancé le ».", after: 5 },
      { by: 'sophie', text: 'La formule marche aussi dans LibreOffice, testé ce matin.', after: 30 },
    ],
    adoptions: [
      { by: 'lucie', feedback: 'Utilisé au 3e pour le courrier des associations, plus aucun oubli depuis un mois.', after: 12 },
    ],
  },
  {
    author: 'sophie',
    title: 'Présentoir à flyers rangé par thème avec étiquettes imprimées',
    problem:
      "Le présentoir de l'accueil débordait de dépliants mélangés : les usagers ne trouvaient rien et les agents passaient du temps à chercher le bon flyer.",
    category: 'Affichage et signalétique',
    daysAgo: 41,
    steps: [
      { text: 'Trier tous les dépliants en six thèmes : famille, seniors, logement, emploi, culture, démarches.' },
      {
        text: 'Imprimer des étiquettes de couleur sur une planche autocollante, une couleur et un pictogramme par thème.',
        photos: [{ icon: 'label', label: 'Famille · Logement · Emploi', color: PURPLE }],
      },
      {
        text: 'Coller les étiquettes sur le bord de chaque case du présentoir, à hauteur des yeux.',
        photos: [{ icon: 'flyers', label: 'Présentoir par thème', color: PURPLE }],
      },
      { text: 'Le lundi matin, réassort rapide : une case vide se voit tout de suite.' },
    ],
    likedBy: ['camille', 'aicha', 'nadia', 'lucie'],
    comments: [{ by: 'aicha', text: 'Les pictogrammes, c’est top pour les usagers qui lisent peu le français.', after: 6 }],
    adoptions: [],
  },
  {
    author: 'julien',
    title: 'Modèle de mail pour les rendez-vous de mariage',
    problem:
      "Chaque couple recevait un mail différent selon l'agent, avec souvent une pièce oubliée dans la liste : il fallait les rappeler avant le rendez-vous.",
    category: 'État civil',
    daysAgo: 36,
    steps: [
      {
        text: 'Rédiger un modèle unique : date et heure du rendez-vous, adresse, liste complète des pièces, contact du service.',
        photos: [{ icon: 'mail', label: 'Modèle : rendez-vous mariage', color: RED }],
      },
      { text: 'Mettre entre crochets ce qui change à chaque envoi : [NOMS], [DATE], [HEURE]. Impossible de les oublier.' },
      { text: 'Enregistrer le modèle dans la messagerie (Insertion › Éléments rapides) pour l’appeler en deux clics.' },
    ],
    likedBy: ['camille', 'karim', 'thomas', 'nadia', 'lucie'],
    comments: [
      { by: 'nadia', text: 'Tu peux partager le texte ? On en a un au 13e mais il est moins complet.', after: 2 },
      { by: 'julien', text: 'Bien sûr, je te l’envoie en message privé.', after: 4 },
    ],
    adoptions: [
      { by: 'nadia', feedback: 'Repris au 13e avec la liste des pièces pour les témoins, plus d’appels de relance.', after: 7 },
    ],
  },
  {
    author: 'aicha',
    title: 'Planning des permanences partagé',
    problem:
      "Le planning des permanences du samedi circulait en version papier : les échanges de créneaux se faisaient à l'oral et personne n'avait la bonne version.",
    category: 'Organisation du poste',
    daysAgo: 31,
    steps: [
      {
        text: 'Créer un tableur partagé avec un onglet par mois et une ligne par samedi.',
        photos: [{ icon: 'calendar', label: 'Permanences du samedi', color: TEAL }],
      },
      { text: 'Donner une couleur à chaque agent pour voir d’un coup d’œil qui est de permanence.' },
      { text: 'Un échange de créneau ? On le note directement dans le tableur, avec ses initiales en commentaire.' },
      { text: 'Épingler le lien dans le canal de l’équipe pour que tout le monde ait toujours la bonne version.' },
    ],
    likedBy: ['sophie', 'julien', 'thomas'],
    comments: [
      { by: 'thomas', text: 'Simple et efficace. Les initiales en commentaire, bonne idée pour la traçabilité.', after: 10 },
    ],
    adoptions: [],
  },
  {
    author: 'nadia',
    title: 'Kit de bureau de vote prêt en une boîte',
    problem:
      'La veille de chaque scrutin, on courait après les tampons, les procès-verbaux et les stylos pour chaque bureau de vote.',
    category: 'Élections',
    daysAgo: 27,
    steps: [
      {
        text: 'Une boîte d’archives par bureau de vote, étiquetée avec son numéro.',
        photos: [{ icon: 'ballot', label: 'Bureau de vote n° 4', color: BLUE }],
      },
      {
        text: 'Coller sur le couvercle la check-list du contenu : tampons, encreurs, procès-verbaux, listes d’émargement, stylos, ciseaux, scotch.',
        photos: [{ icon: 'clipboard', label: 'Check-list du bureau', color: BLUE }],
      },
      { text: 'Au dépouillement, on remet tout dans la boîte en cochant la liste : prête pour le prochain scrutin.' },
    ],
    likedBy: ['camille', 'karim', 'julien', 'aicha', 'lucie', 'sophie'],
    comments: [
      { by: 'camille', text: 'On perd toujours les encreurs, je note !', after: 8 },
      { by: 'julien', text: 'À proposer à toutes les mairies avant les prochaines élections.', after: 26 },
    ],
    adoptions: [
      { by: 'camille', feedback: 'Préparé au 11e pour les 12 bureaux : la veille du scrutin a été bien plus calme.', after: 10 },
    ],
  },
  {
    author: 'thomas',
    title: "Affichette « Avez-vous tous vos papiers ? » à l'entrée",
    problem:
      "Beaucoup d'usagers arrivaient au guichet sans une pièce du dossier et devaient revenir un autre jour, après avoir attendu leur tour.",
    category: "Accueil et files d'attente",
    daysAgo: 22,
    steps: [
      {
        text: 'Une affichette par démarche courante (identité, inscription scolaire, mariage), avec la liste des pièces en gros caractères.',
        photos: [{ icon: 'clipboard', label: 'Avez-vous tous vos papiers ?', color: OCHRE }],
      },
      { text: 'Ajouter un QR code vers la page officielle de la démarche pour vérifier depuis son téléphone.' },
      { text: 'Les poser sur un chevalet à l’entrée de la file, avant le premier virage.' },
    ],
    likedBy: ['camille', 'sophie', 'nadia'],
    comments: [{ by: 'karim', text: 'On pourrait traduire les affichettes en anglais et en arabe aussi.', after: 12 }],
    adoptions: [],
  },
  {
    author: 'lucie',
    title: 'Bannette à trois niveaux pour les dossiers en attente de pièces',
    problem:
      "Les dossiers incomplets s'empilaient sur le bureau : on ne savait plus lesquels attendaient une pièce de l'usager et lesquels étaient prêts à traiter.",
    category: 'Courrier et documents',
    daysAgo: 18,
    steps: [
      {
        text: 'Trois bannettes superposées avec une étiquette chacune : « À traiter », « En attente de pièces », « Prêt à signer ».',
        photos: [{ icon: 'box', label: 'À traiter · En attente · Prêt', color: GREEN }],
      },
      { text: 'Sur chaque dossier en attente, un post-it avec la pièce manquante et la date de la demande.' },
      { text: 'Le vendredi, on relance les dossiers dont le post-it a plus de 15 jours.' },
    ],
    likedBy: ['karim', 'julien', 'thomas', 'aicha'],
    comments: [],
    adoptions: [{ by: 'sophie', feedback: 'Mis en place au 5e, le vendredi de relance est devenu un rituel.', after: 5 }],
  },
  {
    author: 'camille',
    title: "Aide-mémoire plastifié des délais d'état civil",
    problem:
      'Les nouveaux agents demandaient sans cesse les délais de délivrance des actes et les règles de transcription : les collègues expérimentés étaient interrompus toute la journée.',
    category: 'État civil',
    daysAgo: 14,
    steps: [
      {
        text: 'Rassembler sur une page A4 les délais et pièces des dix demandes les plus fréquentes.',
        photos: [{ icon: 'clipboard', label: 'Aide-mémoire état civil', color: RED }],
      },
      { text: 'Faire relire la page par le responsable du service, puis la plastifier.' },
      { text: 'Une copie à chaque guichet, et la version à jour sur le lecteur partagé.' },
    ],
    likedBy: ['julien', 'lucie', 'nadia'],
    comments: [
      { by: 'nadia', text: 'Indispensable pour les saisonniers de l’été !', after: 7 },
      { by: 'sophie', text: 'Tu mets la date de mise à jour en bas de page ? Ça évite les vieilles versions.', after: 15 },
    ],
    adoptions: [],
  },
  {
    author: 'karim',
    title: 'Tableau magnétique des absences et des renforts',
    problem:
      "Le matin, le responsable d'accueil passait un quart d'heure à savoir qui était absent et qui pouvait venir en renfort au guichet.",
    category: 'Organisation du poste',
    daysAgo: 10,
    steps: [
      {
        text: 'Un tableau blanc magnétique avec une colonne par jour de la semaine.',
        photos: [{ icon: 'calendar', label: 'Absences et renforts', color: ORANGE }],
      },
      { text: 'Un aimant à photo par agent : on le déplace dans la colonne « absent » ou « renfort possible ».' },
      { text: 'Le tableau est près de la pointeuse : chacun le met à jour en arrivant.' },
    ],
    likedBy: ['aicha', 'thomas'],
    comments: [
      {
        by: 'aicha',
        text: 'Les aimants photo, c’est sympa pour les nouveaux qui ne connaissent pas encore tout le monde.',
        after: 9,
      },
    ],
    adoptions: [],
  },
  {
    author: 'sophie',
    title: 'Convocations générées par publipostage',
    problem:
      'Les convocations aux cérémonies de citoyenneté étaient tapées une à une : deux après-midis de travail et des fautes dans les noms.',
    category: 'Tableurs et outils numériques',
    daysAgo: 6,
    steps: [
      {
        text: 'Partir de la liste des personnes convoquées dans un tableur : nom, prénom, adresse, date de la cérémonie.',
        photos: [{ icon: 'spreadsheet', label: 'Liste des convocations', color: PURPLE }],
      },
      {
        text: 'Dans le traitement de texte, lancer le publipostage et insérer les champs du tableur dans le modèle de lettre.',
        photos: [{ icon: 'mail', label: 'Publipostage', color: PURPLE }],
      },
      { text: 'Vérifier trois lettres au hasard, puis tout imprimer d’un coup.' },
    ],
    likedBy: ['camille', 'julien', 'nadia', 'lucie'],
    comments: [{ by: 'lucie', text: 'On fait pareil pour les médailles de la famille, ça marche très bien.', after: 4 }],
    adoptions: [],
  },
  {
    author: 'aicha',
    title: 'Trousse de dépannage du guichet',
    problem:
      'Au guichet, il manquait toujours quelque chose au mauvais moment : agrafeuse vide, stylo qui ne marche plus, chargeur du terminal de paiement.',
    category: 'Autre',
    daysAgo: 2,
    steps: [
      {
        text: 'Une trousse transparente par guichet avec : agrafes, stylos, trombones, chargeur de secours, lingettes.',
        photos: [{ icon: 'box', label: 'Trousse du guichet', color: TEAL }],
      },
      { text: 'La liste du contenu est collée à l’intérieur ; le dernier agent du jour la vérifie en partant.' },
    ],
    likedBy: ['sophie', 'karim'],
    comments: [],
    adoptions: [],
  },
];
