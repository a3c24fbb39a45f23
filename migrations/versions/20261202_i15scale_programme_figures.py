"""programme figures: the stored figures of the programme pages and open data (issue 15)

Reviewed by hand: `programme_figures` holds derived data only (programme.figures), one row
per province and part ("stats", "plan:<id>", "year:<yyyy>"), recomputed when a change moves
it (programme.changes, through the outbox) or when its cells expire (midnight, an event
starting). Dropping the table loses nothing: the figures are computed again on the next read.

Revision ID: a15c0f1e2d3b
Revises: a4d7e2c91b30
Create Date: 2026-12-02 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a15c0f1e2d3b'
down_revision = 'a4d7e2c91b30'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('programme_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=40), nullable=False),
    sa.Column('signature', sa.String(length=200), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_programme_figures_province_id_provinces'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_figures')),
    sa.UniqueConstraint('province_id', 'part', name=op.f('uq_programme_figures_province_id'))
    )
    with op.batch_alter_table('programme_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_figures_province_id'), ['province_id'], unique=False)


def downgrade():
    with op.batch_alter_table('programme_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_figures_province_id'))
    op.drop_table('programme_figures')
